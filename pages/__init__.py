"""The explorer's pages (thin views) and the widgets they share (:mod:`pages.common`)."""
