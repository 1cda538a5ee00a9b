"""Permission strings per module and action, and the default roles (DESIGN.md 4).

The catalogue already names the modules of later issues (customers, projects, time, invoices,
...) so roles created today keep their meaning when those modules arrive.
"""

from __future__ import annotations

from enum import StrEnum


class Permission(StrEnum):
    admin = "system.admin"
    employees_read = "employees.read"
    employees_write = "employees.write"
    employees_reset_password = "employees.reset_password"
    departments_read = "departments.read"
    departments_write = "departments.write"
    roles_read = "roles.read"
    roles_write = "roles.write"
    api_tokens_use = "api_tokens.use"
    customers_read = "customers.read"
    customers_write = "customers.write"
    projects_read = "projects.read"
    projects_read_all = "projects.read_all"
    projects_write = "projects.write"
    time_read_own = "time.read_own"
    time_write_own = "time.write_own"
    time_read_all = "time.read_all"
    time_write_all = "time.write_all"
    time_approve = "time.approve"
    invoices_read = "invoices.read"
    invoices_write = "invoices.write"
    payments_read = "payments.read"
    payments_write = "payments.write"
    expenses_read = "expenses.read"
    expenses_write = "expenses.write"
    finance_read = "finance.read"
    documents_read = "documents.read"
    documents_write = "documents.write"
    documents_delete = "documents.delete"
    documents_read_all = "documents.read_all"
    documents_confidential = "documents.confidential"
    chat_use = "chat.use"

    @property
    def module(self) -> str:
        return self.value.split(".", 1)[0]

    @property
    def action(self) -> str:
        return self.value.split(".", 1)[1]


ALL_PERMISSIONS: frozenset[str] = frozenset(p.value for p in Permission)

_EVERYONE = {
    Permission.api_tokens_use,
    Permission.employees_read,
    Permission.departments_read,
    Permission.time_read_own,
    Permission.time_write_own,
    Permission.projects_read,
    Permission.customers_read,
    Permission.chat_use,
    Permission.documents_read,
    Permission.documents_write,
}

# key -> (name, description, permissions)
DEFAULT_ROLES: dict[str, tuple[str, str, frozenset[str]]] = {
    "admin": ("Admin", "Full access, including system settings and roles.", ALL_PERMISSIONS),
    "management": (
        "Management",
        "Sees and manages everything in the business, not the system settings.",
        frozenset(ALL_PERMISSIONS - {Permission.admin, Permission.roles_write}),
    ),
    "accounting": (
        "Accounting",
        "Invoices, payments, expenses and finance; reads projects and time.",
        frozenset(
            _EVERYONE
            | {
                Permission.customers_write,
                Permission.projects_read_all,
                Permission.time_read_all,
                Permission.invoices_read,
                Permission.invoices_write,
                Permission.payments_read,
                Permission.payments_write,
                Permission.expenses_read,
                Permission.expenses_write,
                Permission.finance_read,
                Permission.documents_delete,
                Permission.documents_read_all,
            }
        ),
    ),
    "project_lead": (
        "Project lead",
        "Runs projects and customers, approves the team's time.",
        frozenset(
            _EVERYONE
            | {
                Permission.customers_write,
                Permission.projects_write,
                Permission.time_approve,
                Permission.expenses_read,
                Permission.invoices_read,
                Permission.documents_delete,
            }
        ),
    ),
    "employee": ("Employee", "Logs own time and works in own projects.", frozenset(_EVERYONE)),
}

ADMIN_ROLE_KEY = "admin"
