"""``python -m lianmeng.cli``: the same as the ``lianmeng`` command."""

import sys

from lianmeng.cli import main

sys.exit(main())
