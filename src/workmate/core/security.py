"""Password hashing (Argon2id), password strength (zxcvbn) and random secrets."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from zxcvbn import zxcvbn

_hasher = PasswordHasher()  # argon2-cffi defaults: Argon2id, RFC 9106 low-memory profile
_DUMMY_HASH = _hasher.hash("workmate-dummy-password")

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
# zxcvbn's scale 0-4; 3 is "safely unguessable: moderate protection from an offline slow-hash
# attack" (about 10^8 guesses and more). Common passwords, keyboard walks, dates and the
# person's own name or e-mail score lower.
MIN_PASSWORD_SCORE = 3
# zxcvbn refuses longer input; what makes a long password weak shows in its beginning.
_STRENGTH_PREFIX = 72


def password_is_weak(password: str, user_inputs: Iterable[str] = ()) -> bool:
    """Too easy to guess (zxcvbn), also counting the words of ``user_inputs`` (name, e-mail)."""
    words: set[str] = set()
    for value in user_inputs:
        if value:
            words.add(value.lower())
            words.update(w for w in re.split(r"\W+", value.lower()) if len(w) >= 3)
    result = zxcvbn(password[:_STRENGTH_PREFIX], user_inputs=sorted(words))
    return int(result["score"]) < MIN_PASSWORD_SCORE


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Constant-ish time: a missing hash is checked against a dummy so timing reveals nothing."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)


def new_token(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def token_digest(token: str) -> str:
    """Sessions and API tokens are stored as SHA-256 digests: high-entropy secrets need no KDF."""
    return hashlib.sha256(token.encode()).hexdigest()


def constant_time_equals(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
