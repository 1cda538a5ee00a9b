"""Links to any record: one registry of linkable record types (documents, reminders,
notifications and chat mentions point at records through it, never through free-form strings).

Each domain registers the types it owns (``register``) with three answers about its records:
which of some ids a caller may see, how they are shown (number and title), and which of them are
locked by the GoBD (finalized documents, payments). Consumers ask the registry; they never import
the owning domain.
"""

from workmate.links.registry import (
    LinkableType,
    RecordRef,
    RecordSummary,
    RecordType,
    describe,
    ensure_visible,
    locked,
    register,
    registered_types,
    visible_ids,
)

__all__ = [
    "LinkableType",
    "RecordRef",
    "RecordSummary",
    "RecordType",
    "describe",
    "ensure_visible",
    "locked",
    "register",
    "registered_types",
    "visible_ids",
]
