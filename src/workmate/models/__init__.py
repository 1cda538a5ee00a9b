"""All ORM models, imported here so relationships and Alembic see every table."""

from workmate.models.auth import ApiToken, AuthSession, LoginAttempt
from workmate.models.base import Base
from workmate.models.department import Department
from workmate.models.employee import Employee
from workmate.models.role import Role

__all__ = ["ApiToken", "AuthSession", "Base", "Department", "Employee", "LoginAttempt", "Role"]
