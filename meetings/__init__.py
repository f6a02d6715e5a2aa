"""Rotating meetings (轮值主席制): the chair rotation, meeting records and attendance, the
chair's meeting pack and the year's calendar. ``rotation``, ``attendance``, ``pack`` and
``quarters`` are pure; ``operations`` talks to the store; ``pack_docx``, ``pack_markdown``
and ``calendar_ics`` write files."""
