"""Pure figures of a benchmark run: percentiles, per-endpoint summaries and the targets."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["baseline", "detail", "list", "stats", "write", "finalize", "upload"]

# The targets (p95 in ms). Detail GETs must also keep >= 35 % of the health baseline.
P95_TARGET_MS: dict[str, float] = {
    "detail": 30.0,
    "list": 30.0,
    "stats": 100.0,
    "write": 25.0,
    "finalize": 200.0,
}
DETAIL_MIN_RATIO = 0.35
RSS_TARGET_MB = 300.0
# Streaming uploads: the server's memory may grow by at most this much for a 100 MB file.
UPLOAD_RSS_GROWTH_MB = 64.0
PDF_TARGET_S = 60.0


def percentile(values: Sequence[float], pct: float) -> float:
    """Linear-interpolated percentile (numpy's default method); NaN for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Sample:
    """What one driver process measured for one endpoint (latencies in ms)."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    window_s: float = 0.0
    unbalanced: int = 0  # connections the driver could not place on their server process

    @classmethod
    def merge(cls, parts: Sequence[Sample]) -> Sample:
        merged = cls(window_s=max((p.window_s for p in parts), default=0.0))
        for part in parts:
            merged.latencies_ms.extend(part.latencies_ms)
            merged.errors += part.errors
            merged.unbalanced += part.unbalanced
            for code, n in part.statuses.items():
                merged.statuses[code] = merged.statuses.get(code, 0) + n
        return merged


@dataclass
class EndpointResult:
    name: str
    kind: Kind
    label: str
    concurrency: int
    requests: int
    errors: int
    window_s: float
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    statuses: dict[str, int]
    ratio: float | None = None
    checks: dict[str, bool] = field(default_factory=dict)
    # The same endpoint with only a few requests in flight (one per server process): its
    # latency without queueing. Informational; the targets are checked on the main run.
    service_concurrency: int | None = None
    service_p50_ms: float | None = None
    service_p95_ms: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {k: _finite(v) for k, v in asdict(self).items()}


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 3)
    return value


def summarize(name: str, kind: Kind, label: str, concurrency: int, s: Sample) -> EndpointResult:
    n = len(s.latencies_ms)
    return EndpointResult(
        name=name,
        kind=kind,
        label=label,
        concurrency=concurrency,
        requests=n,
        errors=s.errors,
        window_s=s.window_s,
        rps=n / s.window_s if s.window_s > 0 else math.nan,
        p50_ms=percentile(s.latencies_ms, 50),
        p95_ms=percentile(s.latencies_ms, 95),
        p99_ms=percentile(s.latencies_ms, 99),
        max_ms=max(s.latencies_ms, default=math.nan),
        statuses=dict(s.statuses),
    )


def apply_targets(results: list[EndpointResult], baseline_rps: float) -> None:
    """Fill each result's throughput ratio to the baseline and its target checks."""
    for r in results:
        if baseline_rps > 0 and not math.isnan(r.rps):
            r.ratio = r.rps / baseline_rps
        target = P95_TARGET_MS.get(r.kind)
        if target is not None:
            r.checks[f"p95<={target:g}ms"] = r.p95_ms <= target and r.errors == 0
        if r.kind == "detail" and r.ratio is not None:
            r.checks[f"rps>={DETAIL_MIN_RATIO:.0%} of baseline"] = r.ratio >= DETAIL_MIN_RATIO


def baseline_rps(first: EndpointResult | None, last: EndpointResult | None) -> float:
    """Mean of the baseline measured at the start and at the end of the run."""
    values = [r.rps for r in (first, last) if r is not None and not math.isnan(r.rps)]
    return sum(values) / len(values) if values else math.nan
