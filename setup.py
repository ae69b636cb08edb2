"""Build the optional compiled parts. Everything else is configured in pyproject.toml.

- claims/nlp/_hanta.c: HanTa's morphology and sentence Viterbi in C, over HanTa's own
  tables (same tags as HanTa's Python code).
- The modules of ``claims._compiled.MODULES`` (the extraction rules, the lite
  analyzer's Python part), compiled unchanged by Cython into extension modules
  beside their sources; ``claims/_compiled.json`` records the sha256 of each source
  compiled, so that ``claims`` falls back to a source edited since.

Every part is optional: without a C compiler (or Cython) the build goes on without it
and claims runs the same code as plain Python.
"""

import json
import os
import runpy
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
COMPILED = runpy.run_path(str(HERE / "claims" / "_compiled.py"))  # the module list and its helpers
MODULES = COMPILED["MODULES"]

# the same floating-point sums as HanTa's Python code: no fused multiply-add
args = [] if sys.platform == "win32" else ["-ffp-contract=off", "-fno-fast-math"]
extensions = [Extension("claims.nlp._hanta", ["claims/nlp/_hanta.c"], extra_compile_args=args, optional=True)]


def _source(module: str) -> str:
    """The module's source, relative to this directory (as setuptools wants it)."""
    return str(COMPILED["source_path"](module, HERE).relative_to(HERE))


def _ext_name(module: str) -> str:
    """A package's compiled ``__init__`` goes inside the package."""
    return module + ".__init__" if _source(module).endswith("__init__.py") else module


try:
    from Cython.Build import cythonize
except ImportError:  # no Cython: the modules run as plain Python
    cythonize = None
if cythonize is not None and not os.environ.get("CLAIMS_PURE_PYTHON"):
    cython_exts = [Extension(_ext_name(m), [_source(m)], optional=True) for m in MODULES]
    extensions += cythonize(cython_exts, build_dir="build/cython", compiler_directives={"language_level": "3"}, quiet=True)


class BuildExt(build_ext):
    """build_ext, in parallel, then the manifest of the compiled sources."""

    def finalize_options(self):
        super().finalize_options()
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1

    def run(self):
        self._built = set()
        super().run()
        built = {m: COMPILED["sha256"](HERE / _source(m)) for m in MODULES if _ext_name(m) in self._built}
        manifest = Path(self.get_ext_fullpath("claims._manifest")).parent / "_compiled.json"
        manifest.parent.mkdir(parents=True, exist_ok=True)
        manifest.write_text(json.dumps(built, indent=1, sort_keys=True) + "\n", encoding="utf-8")

    def build_extension(self, ext):
        super().build_extension(ext)  # an optional one that fails raises, and is left out
        self._built.add(ext.name)


setup(ext_modules=extensions, cmdclass={"build_ext": BuildExt})
