"""Which version of a library is installed, and the one notice when the speed-ups of
``somajo_fast`` and ``hanta_fast`` stand aside for another version."""

from __future__ import annotations

import sys
from importlib import metadata

_NOTICED: set[str] = set()


def installed_version(dist: str) -> str | None:
    """The installed version of distribution ``dist`` (None when it is not installed)."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def version_supported(dist: str, expected: str) -> bool:
    """Whether ``dist`` is at ``expected``; otherwise one line on stderr (once per
    process and library) says that its own, slower code runs."""
    found = installed_version(dist)
    if found == expected:
        return True
    if dist not in _NOTICED:
        _NOTICED.add(dist)
        print(f"claims: {dist} {found} is installed, not the {expected} whose internals the lite analyzer's speed-ups know; using {dist}'s own code (same results, slower)", file=sys.stderr)
    return False
