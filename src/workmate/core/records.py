"""The kinds of records that other records can point at (``workmate.links`` is the registry).

The enum lives in ``core`` because the models build their CHECK constraints from it
(``document_links.record_type``) and ``core`` imports no domain; everything else uses it as
``workmate.links.RecordType``.
"""

from __future__ import annotations

from enum import StrEnum


class RecordType(StrEnum):
    """Every kind of record something can be linked to. A module that owns linkable records adds
    its member here, registers a ``links.LinkableType`` and extends the CHECK constraint of
    ``document_links.record_type`` in a migration (a test compares the two)."""

    customer = "customer"
    contact = "contact"
    project = "project"
    invoice = "invoice"
    credit_note = "credit_note"
    quote = "quote"
    payment = "payment"
    employee = "employee"
    document = "document"
