from __future__ import annotations

import functools
import uuid
from collections.abc import Collection, Sequence
from typing import Any

from sqlalchemy import (
    Integer,
    Select,
    String,
    bindparam,
    exists,
    func,
    literal_column,
    select,
    true,
    union,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, joinedload

from workmate.core.references import ids_among, labels_among, like_pattern
from workmate.models import Contact, Customer

SORTABLE: dict[str, Any] = {
    "name": func.lower(Customer.name),
    "number": Customer.number,
    "city": func.lower(Customer.city),
    "created_at": Customer.created_at,
    "status": Customer.status,
}

PrimaryContact = aliased(Contact, name="primary_contact")


def matching_ids(pattern: Any) -> Any:
    """Ids of customers whose name, number, e-mail, city or a contact's name or e-mail match the
    LIKE ``pattern`` (``like_pattern(q)``, or a bind parameter for it).

    A UNION of two trigram-index lookups: an OR across the two tables could use neither index.
    """
    return union(
        select(Customer.id).where(Customer.search_text.like(pattern)),
        select(Contact.customer_id).where(Contact.search_text.like(pattern)),
    )


def list_statement(
    *,
    q: str | None,
    statuses: Sequence[str] | None,
    kinds: Sequence[str] | None,
    tags: list[str] | None,
    archived: bool | None,
) -> Select[Customer, str | None]:
    # The primary contact's name as a scalar subquery: PostgreSQL evaluates it only for the rows
    # that survive ORDER BY ... LIMIT, and the count ignores it (a join would run for every match).
    primary_name = (
        select(PrimaryContact.name)
        .where(PrimaryContact.customer_id == Customer.id, PrimaryContact.is_primary)
        .scalar_subquery()
    )
    stmt = select(Customer, primary_name)
    if q:
        stmt = stmt.where(Customer.id.in_(matching_ids(like_pattern(q))))
    if statuses:
        stmt = stmt.where(Customer.status.in_(statuses))
    if kinds:
        stmt = stmt.where(Customer.kind.in_(kinds))
    if tags:
        stmt = stmt.where(Customer.tags.contains(tags))
    if archived is not None:
        stmt = stmt.where(
            Customer.archived_at.is_not(None) if archived else Customer.archived_at.is_(None)
        )
    return stmt


# What a list shows of a customer, besides ``archived`` and the primary contact's name.
SUMMARY_COLUMNS = (
    "id",
    "number",
    "name",
    "kind",
    "status",
    "city",
    "country",
    "email",
    "phone",
    "tags",
    "created_at",
)

# The search below walks the name index instead of sorting the matches when
#   matches² x WALK_FACTOR > (offset + limit) x customers:
# walking reads about (offset + limit) x customers / matches index entries (~0.1 µs each),
# sorting looks up every match (~1.6 µs each), measured on the large demo set.
WALK_FACTOR = 16


@functools.cache
def _search_template() -> Select[Any]:
    """A page of active customers matching a fragment, by name, with the total in every row.

    The matches (customer or contact trigram lookups) are computed once. With many matches the
    page walks ``ix_customers_active_name`` in order and stops after the page, keeping rows whose
    id is among the matches; with few it sorts the matches. Only one of the two branches runs:
    each is gated by a one-time filter on the match count. The total counts the matches minus
    archived customers (a small index), without reading the matched rows.
    """
    matches = matching_ids(bindparam("search_pattern", type_=String)).cte("matches")
    archived = aliased(Customer, name="archived")
    total = (
        select(func.count().label("total"))
        .select_from(matches)
        .where(~exists().where(archived.id == matches.c.id, archived.archived_at.is_not(None)))
        .cte("match_total")
    )
    # The planner's estimate of the table's size: exact enough to choose a strategy.
    size: Any = literal_column(
        "(SELECT greatest(reltuples, 1) FROM pg_class WHERE oid = 'customers'::regclass)"
    )
    window = bindparam("search_offset", type_=Integer) + bindparam("search_limit", type_=Integer)
    factor = bindparam("search_walk_factor", type_=Integer)
    decision = select(
        total.c.total, (total.c.total * total.c.total * factor > window * size).label("walk")
    ).cte("decision")
    walk = select(decision.c.walk).scalar_subquery()
    key = func.lower(Customer.name)
    active = Customer.archived_at.is_(None)
    # ``IS TRUE`` keeps PostgreSQL from turning the IN into a join (which would read every
    # match); as a filter it probes a hash of the matches while the index is walked in order.
    walked = (
        select(Customer.id, key.label("k"))
        .where(active, Customer.id.in_(select(matches.c.id)).is_(true()), walk)
        .order_by(key, Customer.id)
        .limit(bindparam("search_limit"))
        .offset(bindparam("search_offset"))
    )
    sorted_ = (
        select(Customer.id, key.label("k"))
        .join(matches, matches.c.id == Customer.id)
        .where(active, ~walk)
        .order_by(key, Customer.id)
        .limit(bindparam("search_limit"))
        .offset(bindparam("search_offset"))
    )
    page = union_all(walked.subquery().select(), sorted_.subquery().select()).subquery("page")
    primary_name = (
        select(PrimaryContact.name)
        .where(PrimaryContact.customer_id == Customer.id, PrimaryContact.is_primary)
        .scalar_subquery()
    )
    return (
        select(
            *(getattr(Customer, name) for name in SUMMARY_COLUMNS),
            Customer.archived_at.is_not(None).label("archived"),
            primary_name.label("primary_contact_name"),
            decision.c.total,
        )
        .select_from(decision)
        .outerjoin(page, true())
        .outerjoin(Customer, Customer.id == page.c.id)
        .order_by(page.c.k, page.c.id)
    )


async def search_page(
    session: AsyncSession, q: str, limit: int, offset: int
) -> tuple[list[Any], int]:
    """Active customers matching ``q`` (as ``matching_ids``), by name, and the total, in one
    statement. Rows are plain (``SUMMARY_COLUMNS``, ``archived``, ``primary_contact_name``):
    a list shows them as they are, and ORM entities cost more CPU than the query."""
    params = {
        "search_pattern": like_pattern(q),
        "search_limit": limit,
        "search_offset": offset,
        "search_walk_factor": WALK_FACTOR,
    }
    rows = (await session.execute(_search_template(), params)).all()
    return [row for row in rows if row.id is not None], int(rows[0].total)


async def get(
    session: AsyncSession, customer_id: uuid.UUID, *, for_update: bool = False
) -> Customer | None:
    stmt = (
        select(Customer)
        .where(Customer.id == customer_id)
        .options(joinedload(Customer.created_by))
        .execution_options(populate_existing=True)
    )
    if for_update:
        stmt = stmt.with_for_update(of=Customer)
    return (await session.scalars(stmt)).first()


async def primary_contact_and_count(
    session: AsyncSession, customer_id: uuid.UUID
) -> tuple[Contact | None, int]:
    """The primary contact and the number of contacts: one statement when there is a primary."""
    count = select(func.count()).select_from(Contact).where(Contact.customer_id == customer_id)
    row = (
        await session.execute(
            select(Contact, count.scalar_subquery()).where(
                Contact.customer_id == customer_id, Contact.is_primary.is_(True)
            )
        )
    ).first()
    if row is not None:
        return row[0], int(row[1])
    return None, int(await session.scalar(count) or 0)


async def existing_ids(session: AsyncSession, ids: Collection[uuid.UUID]) -> set[uuid.UUID]:
    return await ids_among(session, Customer.id, ids)


async def labels(
    session: AsyncSession, ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, tuple[str | None, str]]:
    return await labels_among(session, Customer.id, Customer.number, Customer.name, ids)
