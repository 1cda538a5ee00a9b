"""Numbers follow dates: within a number range, a later number never carries an earlier date.

A draft could be finalized with an issue date before the newest finalized document of its range
(RE-2026-00043 dated 1 March after RE-2026-00042 of 5 March): auditors read that as a sign of
back-dating (GoBD: orderly, chronological records). Finalizing refuses it, unless the user
gives the reason, which is written to the audit log with the document it follows. The check
runs after the number is drawn, under the range's row lock, so concurrent finalizations of the
same range see each other's dates.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from workmate.core.errors import BusinessRuleViolation, field_error
from workmate.invoices import repository as repo
from workmate.models import Invoice

CODE = "issue_date_out_of_order"


async def ensure_in_order(
    session: AsyncSession, invoice: Invoice, *, yearly: bool, reason: str | None
) -> dict[str, Any] | None:
    """None if the issue date follows the range's newest document; the audit note if it does
    not and a ``reason`` was given; 422 ``issue_date_out_of_order`` otherwise."""
    assert invoice.issue_date is not None
    year = invoice.issue_date.year if yearly else None
    newest = await repo.newest_numbered(session, invoice.kind, year, invoice.id)
    if newest is None or invoice.issue_date >= newest[1]:
        return None
    number, day = newest
    if reason:
        return {"reason": reason, "follows": number, "follows_issue_date": day}
    message = (
        f"The issue date {invoice.issue_date.isoformat()} is before {day.isoformat()}, the date "
        f"of {number}, the newest document of this number range: numbers must follow dates. "
        "Use a later issue date, or give the reason for the earlier one (it is logged)."
    )
    raise BusinessRuleViolation(
        message, code=CODE, errors=[field_error("issue_date", message, CODE)]
    )
