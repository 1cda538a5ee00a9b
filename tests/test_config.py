from __future__ import annotations

import pytest
from pydantic import ValidationError

from workmate.config import Settings


def test_production_refuses_default_secret() -> None:
    with pytest.raises(ValidationError, match="WORKMATE_SECRET_KEY"):
        Settings(env="production")
    with pytest.raises(ValidationError):
        Settings(env="production", secret_key="short")
    assert Settings(env="production", secret_key="k" * 40).env == "production"


def test_development_allows_default_secret_and_reads_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKMATE_PORT", "9123")
    monkeypatch.setenv("WORKMATE_HOST", "0.0.0.0")
    settings = Settings()
    assert settings.port == 9123 and settings.host == "0.0.0.0"
    assert settings.embedded


def test_bad_port_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKMATE_PORT", "99999")
    with pytest.raises(ValidationError):
        Settings()
