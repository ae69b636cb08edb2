"""Accounts of the desk: argon2 password hashes, roles, CSRF tokens and the slowing of
repeated failed logins."""

from __future__ import annotations

import hmac
import secrets
import threading
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from claims.store import ROLES

_hasher = PasswordHasher()
# what each role may do; a role may do what the roles before it may
RANK = {role: k for k, role in enumerate(ROLES)}


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def may(role: str | None, needed: str) -> bool:
    return role is not None and RANK.get(role, -1) >= RANK[needed]


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def same_token(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a, b)


class LoginThrottle:
    """After ``free`` failed logins for one account in a row, each further attempt must
    wait ``base`` seconds, doubling per failure (at most ``cap``); a good login clears it."""

    def __init__(self, free: int = 5, base: float = 2.0, cap: float = 300.0) -> None:
        self.free, self.base, self.cap = free, base, cap
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def wait(self, name: str) -> float:
        """Seconds to wait before ``name`` may try again (0: may try now)."""
        with self._lock:
            count, last = self._failures.get(name, (0, 0.0))
        if count < self.free:
            return 0.0
        pause = min(self.cap, self.base * 2 ** (count - self.free))
        return max(0.0, last + pause - time.monotonic())

    def failed(self, name: str) -> None:
        with self._lock:
            count, _ = self._failures.get(name, (0, 0.0))
            self._failures[name] = (count + 1, time.monotonic())

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name, None)
