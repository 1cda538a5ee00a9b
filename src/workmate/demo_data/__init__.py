"""Generated demo data sets for load tests and demos: ``workmate demo --size medium|large``.

``load`` writes a deterministic company (customers, contacts, employees, projects, three years
of time entries, invoices, payments) into an empty database with COPY; see ``context.SIZES``.
"""

from workmate.demo_data.context import SIZES, Counts, counts_for
from workmate.demo_data.copy import NoProgress, Progress, Timings
from workmate.demo_data.loader import DemoDataExists, load

__all__ = [
    "SIZES",
    "Counts",
    "DemoDataExists",
    "NoProgress",
    "Progress",
    "Timings",
    "counts_for",
    "load",
]
