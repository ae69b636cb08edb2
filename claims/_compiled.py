"""The compiled hot path: which modules run as Cython extensions, and a guard that
they match their source.

The modules in ``MODULES`` (the extraction rules and the lite analyzer's Python part)
are plain Python. When Cython is there at install time, ``setup.py`` also compiles
each of them, unchanged, into an extension module beside its ``.py`` file, as
pydantic 1 did; Python then imports the extension. The code and the results are the
same; the compiled form runs about a tenth fewer instructions (see
docs/performance.md). The build writes ``_compiled.json``: the sha256 of every
source it compiled.

An extension that no longer matches its source (a ``.py`` edited after the build,
another branch checked out) would run old code. So on import of ``claims`` an import
hook serves such a module from its ``.py`` instead. ``CLAIMS_PURE_PYTHON=1`` serves
every one of them from source. This file uses the standard library only:
``setup.py`` reads ``MODULES`` from it.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path

MODULES = (
    "claims.lexicons",
    "claims.nlp.lite_analyzer",
    "claims.nlp.model",
    "claims.nlp.normalize",
    "claims.outlets",
    "claims.pipeline",
    "claims.rules.continuations",
    "claims.rules.draft",
    "claims.rules.frames",
    "claims.rules.headlines",
    "claims.rules.noun_cues",
    "claims.rules.prep_cues",
    "claims.rules.quotes",
    "claims.rules.syntax",
    "claims.rules.verb_cues",
    "claims.speakers",
    "claims.verification",
)
MANIFEST = "_compiled.json"
PURE_ENV = "CLAIMS_PURE_PYTHON"


def source_path(module: str, root: Path) -> Path:
    """The ``.py`` file of ``module`` under ``root`` (the directory holding ``claims``)."""
    path = root.joinpath(*module.split("."))
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def extension_path(module: str, root: Path) -> Path | None:
    """The compiled extension of ``module`` beside its source, if there is one."""
    src = source_path(module, root)
    stem = "__init__" if src.name == "__init__.py" else src.stem
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = src.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def status(root: Path | None = None, pure: bool | None = None) -> dict[str, str]:
    """For every module of ``MODULES``: "compiled" (its extension matches the source),
    "stale" (an extension built from another source), "pure" (an extension there,
    but ``CLAIMS_PURE_PYTHON`` is set) or "source" (no extension)."""
    root = Path(__file__).resolve().parent.parent if root is None else root
    pure = bool(os.environ.get(PURE_ENV)) if pure is None else pure
    try:
        built = json.loads((root / "claims" / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        built = {}
    out = {}
    for module in MODULES:
        if extension_path(module, root) is None:
            out[module] = "source"
        elif pure:
            out[module] = "pure"
        else:
            src = source_path(module, root)
            out[module] = "compiled" if src.exists() and built.get(module) == sha256(src) else "stale"
    return out


class _SourceFinder(importlib.abc.MetaPathFinder):
    """Imports the listed modules from their ``.py`` files."""

    def __init__(self, sources: dict[str, Path]) -> None:
        self.sources = sources

    def find_spec(self, name, path=None, target=None):
        src = self.sources.get(name)
        if src is None:
            return None
        locations = [str(src.parent)] if src.name == "__init__.py" else None
        return importlib.util.spec_from_file_location(name, src, submodule_search_locations=locations)


def install() -> None:
    """Serve every module whose extension is stale (or all with ``CLAIMS_PURE_PYTHON``)
    from its source. Call before any of ``MODULES`` is imported."""
    root = Path(__file__).resolve().parent.parent
    sources = {m: source_path(m, root) for m, state in status(root).items() if state in ("stale", "pure")}
    if sources and not any(isinstance(f, _SourceFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _SourceFinder(sources))


if __name__ == "claims._compiled":  # imported by claims, not read by setup.py
    install()
