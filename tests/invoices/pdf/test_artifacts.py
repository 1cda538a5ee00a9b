"""Every sample document rasterizes (pdftoppm) into the test artefacts a person looks at:
``artifacts/pdf/*.png``. A PDF that poppler cannot draw, or a blank page, fails here."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.invoices.pdf.render_samples import ARTIFACTS, main


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_samples_render_to_png_artifacts() -> None:
    main(["standard", "credit_note", "quote", "reverse_charge", "multi_page"])
    pages = sorted(ARTIFACTS.glob("multi_page-*.png"))
    assert len(pages) >= 2
    for png in [*pages, ARTIFACTS / "standard-1.png", ARTIFACTS / "standard_timesheet-1.png"]:
        assert png.stat().st_size > 20_000, png  # a blank A4 page at 80 dpi is ~3 kB
    text = subprocess.run(
        ["pdftotext", "-layout", str(ARTIFACTS / "credit_note.pdf"), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert "Stornorechnung" in text
