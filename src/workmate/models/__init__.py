"""All ORM models, imported here so relationships and Alembic see every table."""

from workmate.models.auth import ApiToken, AuthSession, LoginAttempt
from workmate.models.base import Base
from workmate.models.customer import Activity, Contact, Customer
from workmate.models.department import Department
from workmate.models.document import Document, DocumentCategory, DocumentLink, DocumentVersion
from workmate.models.employee import Employee
from workmate.models.invoice import AuditEntry, Invoice, InvoiceLine, Payment, Product
from workmate.models.job import Job, StoredFile
from workmate.models.project import Project, ProjectMember
from workmate.models.role import Role
from workmate.models.settings import CompanySettings, NumberRange
from workmate.models.stats import StatDelta, StatTotal
from workmate.models.time_entry import TimeEntry

__all__ = [
    "Activity",
    "ApiToken",
    "AuditEntry",
    "AuthSession",
    "Base",
    "CompanySettings",
    "Contact",
    "Customer",
    "Department",
    "Document",
    "DocumentCategory",
    "DocumentLink",
    "DocumentVersion",
    "Employee",
    "Invoice",
    "InvoiceLine",
    "Job",
    "LoginAttempt",
    "NumberRange",
    "Payment",
    "Product",
    "Project",
    "ProjectMember",
    "Role",
    "StatDelta",
    "StatTotal",
    "StoredFile",
    "TimeEntry",
]
