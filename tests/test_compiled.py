"""The compiled hot path (claims/_compiled.py): an extension runs only while it matches
its source, CLAIMS_PURE_PYTHON runs the source, and both give the same claims."""

from __future__ import annotations

import importlib
import importlib.machinery
import json
import os
import subprocess
import sys

import pytest

from claims import _compiled
from tests.conftest import ROOT, SEEDS


def _fake_install(root, modules: dict[str, str | None]) -> None:
    """Sources (and, where a text is given, an extension and its manifest hash) for
    some of MODULES under ``root``."""
    manifest = {}
    for module, built_from in modules.items():
        src = _compiled.source_path(module, root)
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_text("X = 1\n", encoding="utf-8")
        if built_from is not None:
            stem = "__init__" if src.name == "__init__.py" else src.stem
            src.with_name(stem + importlib.machinery.EXTENSION_SUFFIXES[0]).write_bytes(b"")
            manifest[module] = _compiled.sha256(src) if built_from == "same" else "0" * 64
    (root / "claims" / _compiled.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_status_compares_each_source_with_the_hash_it_was_built_from(tmp_path):
    (tmp_path / "claims").mkdir()
    _fake_install(tmp_path, {"claims.rules.quotes": "same", "claims.rules.syntax": "other", "claims.lexicons": "same", "claims.speakers": None})
    state = _compiled.status(tmp_path, pure=False)
    assert state["claims.rules.quotes"] == "compiled"
    assert state["claims.lexicons"] == "compiled"  # a package: its __init__ extension
    assert state["claims.rules.syntax"] == "stale"  # built from another source
    assert state["claims.speakers"] == "source"  # no extension
    assert state["claims.pipeline"] == "source"
    (_compiled.source_path("claims.rules.quotes", tmp_path)).write_text("X = 2\n", encoding="utf-8")
    assert _compiled.status(tmp_path, pure=False)["claims.rules.quotes"] == "stale"  # edited since the build
    pure = _compiled.status(tmp_path, pure=True)
    assert pure["claims.lexicons"] == "pure" and pure["claims.speakers"] == "source"


def test_no_manifest_means_no_extension_is_trusted(tmp_path):
    (tmp_path / "claims").mkdir()
    _fake_install(tmp_path, {"claims.rules.quotes": "same"})
    (tmp_path / "claims" / _compiled.MANIFEST).unlink()
    assert _compiled.status(tmp_path, pure=False)["claims.rules.quotes"] == "stale"


def test_source_finder_imports_the_py_file_even_beside_an_extension(tmp_path, monkeypatch):
    pkg = tmp_path / "cpkg_demo"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "mod.py").write_text("WHERE = 'source'\n", encoding="utf-8")
    (pkg / ("mod" + importlib.machinery.EXTENSION_SUFFIXES[0])).write_bytes(b"not a shared object")
    monkeypatch.syspath_prepend(str(tmp_path))
    finder = _compiled._SourceFinder({"cpkg_demo.mod": pkg / "mod.py"})
    monkeypatch.setattr(sys, "meta_path", [finder, *sys.meta_path])
    try:
        mod = importlib.import_module("cpkg_demo.mod")
        assert mod.WHERE == "source" and mod.__file__.endswith("mod.py")
    finally:
        for name in ("cpkg_demo.mod", "cpkg_demo"):
            sys.modules.pop(name, None)


@pytest.mark.skipif(not (ROOT / "claims" / _compiled.MANIFEST).exists(), reason="installed without the compiled modules (no Cython or no C compiler)")
def test_installed_modules_are_compiled_and_imported_as_extensions():
    assert set(_compiled.status().values()) == {"compiled"}
    code = "import claims, importlib, json, sys; print(json.dumps({m: importlib.import_module(m).__file__ for m in claims._compiled.MODULES}))"
    files = json.loads(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ, _compiled.PURE_ENV: ""}).stdout)
    assert all(not f.endswith(".py") for f in files.values()), files


def test_pure_python_gives_the_same_claims():
    code = (
        "import claims, importlib, json, sys\n"
        "from claims.document import read_document\n"
        "files = [importlib.import_module(m).__file__ for m in claims._compiled.MODULES]\n"
        "out = [c.model_dump(mode='json') for p in sys.argv[1:] for c in claims.extract_file(p, analyzer='lite').claims]\n"
        "print(json.dumps({'files': files, 'claims': out}, sort_keys=True))\n"
    )
    runs = {}
    for pure in ("1", ""):
        p = subprocess.run([sys.executable, "-c", code, *map(str, SEEDS)], capture_output=True, text=True, check=True, env={**os.environ, _compiled.PURE_ENV: pure})
        runs[pure] = json.loads(p.stdout)
    assert all(f.endswith(".py") for f in runs["1"]["files"])
    assert runs["1"]["claims"] and runs["1"]["claims"] == runs[""]["claims"]
