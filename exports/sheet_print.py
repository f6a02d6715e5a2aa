"""How every worksheet the product writes prints: A4 landscape, one page wide, the header
row repeated on every page, the page number and the date in the footer.

Excel, WPS and LibreOffice Calc honour these settings (``pageSetup``, ``fitToPage``,
the ``Print_Titles`` defined name, ``headerFooter``); without them a ten-column list
printed as dozens of portrait pages two columns wide.
"""

from __future__ import annotations

from openpyxl.worksheet.properties import PageSetupProperties

from lianmeng.texts import EXCEL_FOOTER, EXCEL_FOOTER_DATE

__all__ = ["print_setup", "PAPER_A4"]

PAPER_A4 = 9  # the paperSize code of A4 in SpreadsheetML


def print_setup(sheet, *, title_rows: int = 1, landscape: bool = True) -> None:
    """Set up ``sheet`` (normal or write-only) for printing; call before writing rows."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = PAPER_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    if title_rows:
        sheet.print_title_rows = f"1:{title_rows}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top, sheet.page_margins.bottom = 0.6, 0.7
    sheet.oddFooter.center.text = EXCEL_FOOTER
    sheet.oddFooter.right.text = EXCEL_FOOTER_DATE
    sheet.oddFooter.center.size = sheet.oddFooter.right.size = 9
