"""The registry of linkable record types (see the package docstring)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from workmate.auth.permissions import Permission
from workmate.auth.service import Principal
from workmate.core.errors import BusinessRuleViolation, NotFound, field_error
from workmate.core.records import RecordType


@dataclass(frozen=True)
class RecordRef:
    type: RecordType
    id: uuid.UUID


@dataclass(frozen=True)
class RecordSummary:
    """How a linked record is shown: its number where it has one (``RE-2026-00042``) and a title
    (customer name, project title, ...). Texts are data, not translated."""

    ref: RecordRef
    number: str | None
    title: str


Ids = Collection[uuid.UUID]
VisibleFn = Callable[[AsyncSession, Principal, Ids], Awaitable[set[uuid.UUID]]]
DescribeFn = Callable[[AsyncSession, Ids], Awaitable[dict[uuid.UUID, tuple[str | None, str]]]]
LockedFn = Callable[[AsyncSession, Ids], Awaitable[set[uuid.UUID]]]
# The same rule as ``visible`` as a SQL condition on a column of record ids, for lists that
# filter many links at once (a documents list over 100,000 links cannot ask id by id).
IdColumn = ColumnElement[Any] | InstrumentedAttribute[Any]
VisibleSqlFn = Callable[[Principal, IdColumn], ColumnElement[bool]]


async def _never_locked(_session: AsyncSession, _ids: Ids) -> set[uuid.UUID]:
    return set()


def _nothing_visible(_principal: Principal, _ids: IdColumn) -> ColumnElement[bool]:
    return false()


@dataclass(frozen=True)
class LinkableType:
    """What the owning domain answers about its records of one type.

    ``visible``: the subset of ``ids`` that exist and that the caller may see (the domain's own
    row-level rule). ``describe``: number and title per existing id. ``locked``: ids whose
    attachments must be kept unchanged (GoBD: a finalized document, a payment).
    ``visible_sql``: ``visible`` as a SQL condition on a column of ids (existence aside: links
    to deleted records are removed by a trigger on the owner's table); without it, lists
    show nothing through links of this type (a test requires it of every type)."""

    type: RecordType
    visible: VisibleFn
    describe: DescribeFn
    locked: LockedFn = _never_locked
    visible_sql: VisibleSqlFn = _nothing_visible


_REGISTRY: dict[RecordType, LinkableType] = {}


def register(linkable: LinkableType) -> None:
    """Called once per type by the owning domain when its service module is imported."""
    _REGISTRY[linkable.type] = linkable


def permission_rule(permission: Permission) -> VisibleSqlFn:
    """``visible_sql`` for types whose records one permission shows completely."""

    def rule(principal: Principal, _ids: IdColumn) -> ColumnElement[bool]:
        return true() if principal.has(permission) else false()

    return rule


def registered_types() -> frozenset[RecordType]:
    return frozenset(_REGISTRY)


def has_sql_rule(record_type: RecordType) -> bool:
    return _REGISTRY[record_type].visible_sql is not _nothing_visible


def visible_clause(
    principal: Principal,
    type_column: IdColumn,
    id_column: IdColumn,
    *,
    exclude: Collection[RecordType] = (),
) -> ColumnElement[bool]:
    """SQL: the row's (type, id) names a record ``principal`` may see, for any registered type
    but ``exclude`` (e.g. over ``document_links``). Types the caller sees completely reduce to
    a type test."""
    return or_(
        false(),
        *(
            and_(type_column == linkable.type.value, linkable.visible_sql(principal, id_column))
            for linkable in _REGISTRY.values()
            if linkable.type not in exclude
        ),
    )


def _get(record_type: RecordType | str, field: str) -> LinkableType:
    try:
        linkable = _REGISTRY[RecordType(record_type)]
    except (ValueError, KeyError):
        allowed = ", ".join(sorted(_REGISTRY))
        raise BusinessRuleViolation(
            f"Records of type '{record_type}' cannot be linked. Allowed: {allowed}.",
            code="unknown_record_type",
            params={"allowed": allowed},
            errors=[
                field_error(
                    field, f"Allowed: {allowed}.", "unknown_record_type", {"allowed": allowed}
                )
            ],
        ) from None
    return linkable


async def visible_ids(
    session: AsyncSession, principal: Principal, record_type: RecordType | str, ids: Ids
) -> set[uuid.UUID]:
    """Which of ``ids`` (of one type) exist and are visible to ``principal``."""
    if not ids:
        return set()
    return await _get(record_type, "type").visible(session, principal, ids)


async def ensure_visible(
    session: AsyncSession, principal: Principal, ref: RecordRef, *, field: str = "record"
) -> None:
    """404 ``record_not_found`` unless the record exists and the caller may see it: an unknown
    record and a hidden one answer the same, so ids cannot be probed."""
    linkable = _get(ref.type, f"{field}.type")
    if ref.id not in await linkable.visible(session, principal, (ref.id,)):
        raise NotFound(
            f"There is no {ref.type.value.replace('_', ' ')} with this id that you may see.",
            code="record_not_found",
            errors=[field_error(f"{field}.id", "Unknown or not visible record.", "not_found")],
        )


async def describe(
    session: AsyncSession, refs: Iterable[RecordRef]
) -> dict[RecordRef, RecordSummary]:
    """Number and title of each existing record (one query per type)."""
    by_type: dict[RecordType, set[uuid.UUID]] = {}
    for ref in refs:
        by_type.setdefault(ref.type, set()).add(ref.id)
    out: dict[RecordRef, RecordSummary] = {}
    for record_type, ids in by_type.items():
        found = await _get(record_type, "type").describe(session, ids)
        for ident, (number, title) in found.items():
            ref = RecordRef(record_type, ident)
            out[ref] = RecordSummary(ref, number, title)
    return out


async def locked(session: AsyncSession, refs: Iterable[RecordRef]) -> set[RecordRef]:
    """The records among ``refs`` that the GoBD locks (their attachments stay as they are)."""
    by_type: dict[RecordType, set[uuid.UUID]] = {}
    for ref in refs:
        by_type.setdefault(ref.type, set()).add(ref.id)
    out: set[RecordRef] = set()
    for record_type, ids in by_type.items():
        for ident in await _get(record_type, "type").locked(session, ids):
            out.add(RecordRef(record_type, ident))
    return out
