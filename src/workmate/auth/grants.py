"""Who may hand out, change or take over which permissions: one rule for employees and roles.

Without it, anyone who may edit employees could give themselves the Admin role, or reset an
administrator's password and sign in as them (privilege escalation). The rule:

- **Granting:** nobody gives a role (to an employee, or permissions to a role) holding a
  permission they do not hold themselves; changing a role's permissions, every permission added
  or removed must be one the editor holds.
- **Protected accounts and roles:** only a holder of ``system.admin`` creates, changes, resets
  the password of, deactivates or re-activates an account that holds ``system.admin`` or
  ``roles.write``, and only they change a role holding either.
- **No taking over the more powerful:** an account is changed (fields, role, password,
  deactivation) only by someone who holds every permission it holds.

Permissions here are effective ones: a role with ``system.admin`` holds every permission, and a
caller signed in with a scoped API token holds only the token's scopes.
"""

from __future__ import annotations

from collections.abc import Iterable

from workmate.auth.permissions import Permission
from workmate.auth.service import Principal, permissions_of
from workmate.core.errors import Forbidden, field_error

# Holding either is holding everything: system.admin directly, roles.write by editing one's
# own role. Accounts and roles with them are an administrator's business alone.
PROTECTED = frozenset({Permission.admin.value, Permission.roles_write.value})


def _listed(permissions: Iterable[str]) -> str:
    return ", ".join(sorted(permissions))


def ensure_may_grant(principal: Principal, role_permissions: Iterable[str], field: str) -> None:
    """The caller may give someone a role with ``role_permissions`` (403 otherwise)."""
    granted = permissions_of(list(role_permissions))
    missing = granted - principal.permissions
    if missing:
        raise Forbidden(
            f"You cannot grant permissions you do not hold yourself: {_listed(missing)}.",
            code="permission_not_held",
            errors=[field_error(field, f"Grants {_listed(missing)}.", "permission_not_held")],
        )
    if granted & PROTECTED and not principal.has(Permission.admin):
        raise Forbidden(
            "Only an administrator may grant system.admin or roles.write.",
            code="admin_required",
            errors=[field_error(field, "Only an administrator may grant this.", "admin_required")],
        )


def ensure_may_change_role(
    principal: Principal, before: Iterable[str], after: Iterable[str] | None
) -> None:
    """The caller may change a role holding ``before`` (to ``after``, when permissions change)."""
    old = frozenset(before)
    new = frozenset(after) if after is not None else old
    if (old | new) & PROTECTED and not principal.has(Permission.admin):
        raise Forbidden(
            "Only an administrator may change a role that holds system.admin or roles.write.",
            code="role_protected",
        )
    changed = old ^ new
    missing = permissions_of(list(changed)) - principal.permissions if changed else frozenset()
    if missing:
        raise Forbidden(
            f"You can only add or remove permissions you hold yourself: {_listed(missing)}.",
            code="permission_not_held",
            errors=[
                field_error("permissions", f"Not yours: {_listed(missing)}.", "permission_not_held")
            ],
        )


def ensure_may_manage(principal: Principal, account_permissions: Iterable[str]) -> None:
    """The caller may change, reset or (de)activate an account whose role holds
    ``account_permissions`` (403 ``account_protected`` otherwise)."""
    held = permissions_of(list(account_permissions))
    if held & PROTECTED and not principal.has(Permission.admin):
        raise Forbidden(
            "Only an administrator may change an account that holds system.admin or roles.write.",
            code="account_protected",
        )
    missing = held - principal.permissions
    if missing:
        raise Forbidden(
            "This account holds permissions you do not have "
            f"({_listed(missing)}); only someone who holds them may change it.",
            code="account_protected",
        )
