"""Links to any record: one registry of linkable record types (documents, reminders,
notifications and chat mentions point at records through it, never through free-form strings).

Each domain registers the types it owns (``register``) with three answers about its records:
which of some ids a caller may see, how they are shown (number and title), and which of them are
locked by the GoBD (finalized documents, payments). Consumers ask the registry; they never import
the owning domain.
"""

from workmate.core.records import RecordType
from workmate.links.registry import (
    IdColumn,
    LinkableType,
    RecordRef,
    RecordSummary,
    describe,
    ensure_visible,
    has_sql_rule,
    locked,
    permission_rule,
    register,
    registered_types,
    visible_clause,
    visible_ids,
)

__all__ = [
    "IdColumn",
    "LinkableType",
    "RecordRef",
    "RecordSummary",
    "RecordType",
    "describe",
    "ensure_visible",
    "has_sql_rule",
    "locked",
    "permission_rule",
    "register",
    "registered_types",
    "visible_clause",
    "visible_ids",
]
