"""Results: the console table, bench/results/<timestamp>.json and .md, latest.json and .md."""

from __future__ import annotations

import json
import math
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

from bench.stats import RSS_TARGET_MB, EndpointResult

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "os": platform.platform(),
        "git_commit": _git("rev-parse", "--short", "HEAD"),
        "git_dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
    }


def _git(*args: str) -> str:
    try:
        out = subprocess.run(["git", *args], capture_output=True, text=True, cwd=RESULTS.parent)
        return out.stdout.strip()
    except OSError:
        return ""


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


def _mark(ok: bool) -> str:
    return "✔" if ok else "✘"


def table_rows(results: list[EndpointResult]) -> list[list[str]]:
    rows = []
    for r in results:
        checks = " ".join(f"{_mark(ok)} {name}" for name, ok in r.checks.items())
        rows.append(
            [
                r.name,
                r.kind,
                str(r.concurrency),
                str(r.requests),
                str(r.errors),
                _ms(r.p50_ms),
                _ms(r.p95_ms),
                _ms(r.p99_ms),
                f"{r.rps:.0f}" if not math.isnan(r.rps) else "-",
                f"{r.ratio:.0%}" if r.ratio is not None else "-",
                "-" if r.service_p95_ms is None else _ms(r.service_p95_ms),
                checks,
            ]
        )
    return rows


HEADERS = ["endpoint", "class", "conc", "requests", "errors", "p50 ms", "p95 ms", "p99 ms"]
HEADERS += ["req/s", "of baseline", "p95 ms unqueued", "targets"]


def markdown(data: dict[str, Any], results: list[EndpointResult]) -> str:
    m = data["machine"]
    lines = [
        f"## Benchmark {data['timestamp']}",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Python {m['python']}, "
        f"commit {m['git_commit']}{' (dirty)' if m['git_dirty'] else ''}.  ",
        "Data set: " + ", ".join(f"{k} {v:,}" for k, v in data["dataset"].items()) + ".  ",
        f"Driver: {data['config']['drivers']} process(es), concurrency "
        f"{data['config']['concurrency']}, {data['config']['warmup']} s warm-up + "
        f"{data['config']['duration']} s per endpoint. Baseline `GET /health`: "
        f"{data['baseline_rps']:.0f} req/s (mean of start and end).",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "---|" * len(HEADERS),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(results)]
    return "\n".join(lines + extras(data)) + "\n"


def extras(data: dict[str, Any]) -> list[str]:
    """The memory table and the PDF benchmark's line."""
    lines: list[str] = []
    if data.get("memory"):
        lines += ["", "| process | pid | peak RSS MB | ≤ 300 MB |", "|---|---|---|---|"]
        for p in data["memory"]:
            # helpers (the e-invoice validator of each worker) are not server processes
            ok = "n/a" if p["role"] == "helper" else _mark(float(p["peak_rss_mb"]) <= RSS_TARGET_MB)
            lines.append(f"| {p['role']} | {p['pid']} | {p['peak_rss_mb']} | {ok} |")
    upload = data.get("upload_memory")
    if upload:
        lines += [
            "",
            f"Streaming upload of one {upload['megabytes']} MB document: HTTP {upload['status']} "
            f"in {upload['seconds']} s, peak RSS growth of the server processes "
            f"{upload['growth_mb']} MB: {_mark(upload['ok'])} < {upload['target_mb']:g} MB.",
        ]
    pdf = data.get("pdf")
    if pdf and "wall_s" in pdf:
        lines += [
            "",
            f"PDF + e-invoice validation through the job queue: {pdf['done']}/{pdf['invoices']} "
            f"invoices in {pdf['wall_s']} s ({pdf['invoices_per_s']}/s), median "
            f"{pdf['median_ms']} ms per invoice (p95 {pdf['p95_ms']} ms), {pdf['workers']} "
            f"workers x {pdf['concurrency_per_worker']}, invalid {pdf['invalid']}, failed "
            f"{pdf['failed_jobs']}: {_mark(pdf['ok'])} ≤ {pdf['target_s']:g} s.",
        ]
    elif pdf:
        lines += ["", f"PDF benchmark skipped: {pdf.get('skipped')}."]
    return lines


def write(data: dict[str, Any], results: list[EndpointResult], out: Path = RESULTS) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    stamp = data["timestamp"].replace(":", "").replace("-", "")
    payload = json.dumps({**data, "endpoints": [r.to_json() for r in results]}, indent=2)
    text = markdown(data, results)
    for name in (stamp, "latest"):
        (out / f"{name}.json").write_text(payload + "\n", encoding="utf-8")
        (out / f"{name}.md").write_text(text, encoding="utf-8")
    return out / f"{stamp}.md"
