"""Content-addressed file storage (DESIGN.md 2): bytes in a backend, an index row per file."""

from workmate.storage.backend import (
    BlobInfo,
    LocalStorage,
    Staged,
    Storage,
    configure_storage,
    get_storage,
    sha256_hex,
    storage_from_settings,
)
from workmate.storage.service import commit_staged, get_file, purge, store, store_stream

__all__ = [
    "BlobInfo",
    "LocalStorage",
    "Staged",
    "Storage",
    "commit_staged",
    "configure_storage",
    "get_file",
    "get_storage",
    "purge",
    "sha256_hex",
    "storage_from_settings",
    "store",
    "store_stream",
]
