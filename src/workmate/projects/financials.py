"""Who sees the money and the colleagues' time of projects: decided here, for the whole domain.

Hourly rates (project, member), budget amounts and the value of time are shown only with
``projects.financials``; without it those fields are null in every answer (never left out, so
the generated client keeps one type) and setting them is refused. Minutes per colleague are for
a project's lead and for those who see all projects or all time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.errors import Forbidden, field_error


def sees_money(principal: Principal) -> bool:
    """Hourly rates, budget amounts and the value of time: with ``projects.financials`` only.
    Without it these fields are null in every answer of this domain (never left out, so the
    schema stays one type), and writing them is refused."""
    return principal.has(Permission.projects_financials)


def sees_colleagues_time(principal: Principal, lead_id: uuid.UUID | None) -> bool:
    """Minutes per colleague on a project: for its lead and for those who see all projects or
    all time. A plain member sees the project's totals and their own share."""
    return (
        lead_id == principal.id
        or principal.has(Permission.projects_read_all)
        or principal.has(Permission.time_read_all)
    )


MONEY_FIELDS = ("hourly_rate", "budget_amount")


def ensure_may_set_money(principal: Principal, values: dict[str, Any]) -> None:
    """403 ``financials_required`` naming the field when money is set without the permission."""
    if sees_money(principal):
        return
    for name in MONEY_FIELDS:
        if values.get(name) is not None:
            raise Forbidden(
                "Setting rates and budget amounts needs the permission projects.financials.",
                code="financials_required",
                errors=[field_error(name, "Needs projects.financials.", "financials_required")],
            )


def shown(principal: Principal, amount: Decimal | None) -> Decimal | None:
    """``amount`` if the caller sees money, else null."""
    return amount if sees_money(principal) else None


def ensure_may_set_member_rates(principal: Principal, members: Iterable[Any]) -> None:
    """The same for the ``hourly_rate`` of each member in a member list."""
    for member in members:
        ensure_may_set_money(principal, {"hourly_rate": member.hourly_rate})
