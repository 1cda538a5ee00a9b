"""Render every sample to artifacts/pdf/ (PDF + PNG pages) to look at them as a person would.

Run: ``.venv/bin/python -m tests.invoices.pdf.render_samples`` (needs ``pdftoppm``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.invoices import samples
from workmate.invoices.einvoice import build_xml
from workmate.invoices.pdf import render_invoice_pdf, render_timesheet

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "pdf"


def main(names: list[str]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    builders = dict(samples.PDF_SAMPLES) | {
        "preview": samples.preview_invoice,
        "nasty": samples.nasty_invoice,
    }
    for name, build in builders.items():
        if names and name not in names:
            continue
        doc = build()
        xml = build_xml(doc) if doc.kind != "quote" and doc.number else None
        outputs = {name: render_invoice_pdf(doc, xml)}
        if name == "standard":
            outputs["standard_timesheet"] = render_timesheet(doc)
        for stem, pdf in outputs.items():
            target = ARTIFACTS / f"{stem}.pdf"
            target.write_bytes(pdf)
            subprocess.run(
                ["pdftoppm", "-r", "80", "-png", str(target), str(ARTIFACTS / stem)], check=True
            )
            print(target)


if __name__ == "__main__":
    main(sys.argv[1:])
