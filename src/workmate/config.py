"""Settings, read from the environment with the ``WORKMATE_`` prefix (STYLE.md 11)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "dev-insecure-secret-change-me"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="WORKMATE_", env_file=".env", extra="ignore")

    env: Literal["development", "production", "test"] = "development"
    secret_key: str = DEFAULT_SECRET
    database_url: str | None = Field(
        default=None,
        description="External PostgreSQL URL; without it an embedded server runs in data_dir.",
    )
    data_dir: Path = Path("var")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    log_level: str = "info"
    log_json: bool = False
    ui_dist: Path | None = None
    session_max_age_hours: int = Field(default=12, ge=1)
    session_idle_minutes: int = Field(default=120, ge=5)
    cookie_secure: bool = False
    login_max_attempts_account: int = Field(default=5, ge=1)
    login_max_attempts_address: int = Field(default=20, ge=1)
    login_window_minutes: int = Field(default=15, ge=1)
    db_pool_size: int = Field(default=10, ge=1)
    company_time_zone: str = "Europe/Berlin"
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        description="Proxies whose X-Forwarded-For/-Proto headers are trusted (comma-separated).",
    )
    run_worker_in_process: bool = Field(
        default=True,
        description="`serve` runs a job worker in each server process (off: `workmate worker`).",
    )
    worker_concurrency: int = Field(default=2, ge=1, le=64)
    storage_dir: Path | None = Field(
        default=None, description="Folder of the file storage; default <data_dir>/files."
    )
    storage_url: str | None = Field(
        default=None,
        description="s3://bucket/prefix: keep files in an S3-compatible object store instead.",
    )
    s3_endpoint_url: str | None = Field(
        default=None, description="Endpoint of a non-AWS S3 server (MinIO, Ceph, ...)."
    )
    s3_region: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None
    documents_max_upload_mb: int = Field(
        default=100, ge=1, le=5000, description="Largest document upload in MB."
    )
    documents_allowed_types: str = Field(
        default="all",
        description="Comma-separated file kinds accepted as documents "
        "(docs/domain/documents.md), or 'all'.",
    )
    documents_integrity_cron: str = Field(
        default="30 3 * * *",
        description="When the integrity check re-hashes every stored file (cron, company zone).",
    )

    @model_validator(mode="after")
    def _refuse_unsafe_defaults(self) -> Settings:
        weak = self.secret_key == DEFAULT_SECRET or len(self.secret_key) < 32
        if self.env == "production" and weak:
            raise ValueError(
                "WORKMATE_SECRET_KEY must be set to a random value of at least 32 characters "
                "outside development (e.g. `python -c 'import secrets; "
                "print(secrets.token_urlsafe(48))'`)."
            )
        return self

    @property
    def is_development(self) -> bool:
        return self.env != "production"

    @property
    def embedded(self) -> bool:
        return self.database_url is None

    @property
    def storage_path(self) -> Path:
        return self.storage_dir or self.data_dir / "files"


@lru_cache
def get_settings() -> Settings:
    return Settings()
