"""Median timings per invoice (10 lines): build_xml, validate, render_pdf, embed.

Run: ``.venv/bin/python -m tests.invoices.pdf.benchmark_render [rounds]``. Not part of the suite.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from tests.invoices import samples
from workmate.invoices.einvoice import build_xml, validate, warm_up
from workmate.invoices.pdf import embed_facturx, render_pdf


def _ten_lines() -> Any:
    specs = [
        samples.LineSpec(
            f"Leistung {index}",
            str(index),
            "HUR",
            "68.50",
            service_from=date(2026, 11, 2),
            service_to=date(2026, 11, 6),
        )
        for index in range(1, 11)
    ]
    return samples.build_document(specs)


def _median_ms(action: Callable[[], object], rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def main(rounds: int) -> None:
    doc = _ten_lines()
    started = time.perf_counter()
    warm_up()
    print(f"warm-up (XSD + schematron compile): {(time.perf_counter() - started) * 1000:.0f} ms")
    xml = build_xml(doc)
    pdf = render_pdf(doc)
    for _ in range(5):
        validate(xml)
    results = {
        "build_xml": _median_ms(lambda: build_xml(doc), rounds),
        "validate": _median_ms(lambda: validate(xml), rounds),
        "render_pdf": _median_ms(lambda: render_pdf(doc), rounds),
        "embed": _median_ms(lambda: embed_facturx(pdf, xml), rounds),
    }
    for name, value in results.items():
        print(f"{name:>10}: {value:6.1f} ms")
    print(f"{'total':>10}: {sum(results.values()):6.1f} ms per invoice")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
