"""Helpers for the office-file tests: the fonts a .docx names, LibreOffice to PDF, pdfinfo."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FONT_ATTRIBUTES = ("ascii", "hAnsi", "eastAsia", "cs")
THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def docx_fonts(data: bytes) -> tuple[set[str], list[str], list[str]]:
    """The fonts the document's parts name (styles, body, headers, footers), the theme-font
    attributes found, and the ``themeFontLang`` elements left in the settings."""
    fonts: set[str] = set()
    themes: list[str] = []
    with zipfile.ZipFile(BytesIO(data)) as archive:
        parts = [n for n in archive.namelist() if re.fullmatch(r"word/(document|styles|header\d*|footer\d*)\.xml", n)]
        for name in parts:
            root = etree.fromstring(archive.read(name))
            for r_fonts in root.iter(f"{{{W}}}rFonts"):
                fonts |= {r_fonts.get(f"{{{W}}}{a}") for a in FONT_ATTRIBUTES} - {None}
                themes += [f"{name}:{a}" for a in THEME_ATTRIBUTES if r_fonts.get(f"{{{W}}}{a}") is not None]
        settings = etree.fromstring(archive.read("word/settings.xml"))
        langs = [etree.tostring(e, encoding="unicode") for e in settings.iter(f"{{{W}}}themeFontLang")]
        if "word/stylesWithEffects.xml" in archive.namelist():
            themes.append("word/stylesWithEffects.xml")
    return fonts, themes, langs


def to_pdf(tmp_path: Path, name: str, data: bytes) -> Path:
    """Convert with LibreOffice (skip when it is not installed); the PDF's path."""
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None:
        pytest.skip("未安装 LibreOffice（apt-get install libreoffice-writer-nogui）：跳过 LibreOffice 打开测试")
    source = tmp_path / name
    source.write_bytes(data)
    result = subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=300)
    pdf = source.with_suffix(".pdf")
    assert result.returncode == 0 and pdf.exists(), result.stderr
    return pdf


def pdf_pages(pdf: Path) -> tuple[int, tuple[float, float]]:
    """Pages and the first page's size in points, from poppler's pdfinfo."""
    if shutil.which("pdfinfo") is None:
        pytest.skip("未安装 poppler-utils（pdfinfo）：跳过页数检查")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    width, height = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups()
    return pages, (float(width), float(height))


def page_texts(pdf: Path) -> list[str]:
    """The text of every page (pdftotext separates pages with a form feed)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          timeout=120, check=True).stdout
    return text.split("\f")[:-1]
