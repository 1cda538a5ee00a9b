"""Content-addressed file storage (DESIGN.md 2): bytes in a backend, an index row per file."""

from workmate.storage.backend import (
    LocalStorage,
    Storage,
    configure_storage,
    get_storage,
    sha256_hex,
    storage_from_settings,
)
from workmate.storage.service import get_file, store

__all__ = [
    "LocalStorage",
    "Storage",
    "configure_storage",
    "get_file",
    "get_storage",
    "sha256_hex",
    "storage_from_settings",
    "store",
]
