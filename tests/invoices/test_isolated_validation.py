"""The e-invoice validator runs in a helper process and comes back if that process dies."""

from __future__ import annotations

import os
import signal

from tests.invoices import samples
from workmate.invoices.einvoice import build_xml, isolated


async def test_validation_in_helper_process_survives_a_crash() -> None:
    xml = build_xml(samples.SAMPLES["standard"]())
    assert [f for f in await isolated.validate_isolated(xml) if f.severity == "error"] == []
    broken = xml.replace(b"<ram:GrandTotalAmount", b"<ram:Nonsense", 1)
    assert await isolated.validate_isolated(broken)
    pool = isolated._executor()
    pids = list(pool._processes)  # the helper's pid
    assert pids and os.getpid() not in pids
    os.kill(pids[0], signal.SIGKILL)
    assert [f for f in await isolated.validate_isolated(xml) if f.severity == "error"] == []
