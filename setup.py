"""Build the optional C part of the lite analyzer (claims/nlp/_hanta.c: HanTa's
morphology and sentence Viterbi over HanTa's own tables). Without a C compiler the
build goes on without it and the lite analyzer uses HanTa's pure Python code, with the
same tags. Everything else is configured in pyproject.toml."""

import sys

from setuptools import Extension, setup

# the same floating-point sums as HanTa's Python code: no fused multiply-add
args = [] if sys.platform == "win32" else ["-ffp-contract=off", "-fno-fast-math"]

setup(ext_modules=[Extension("claims.nlp._hanta", ["claims/nlp/_hanta.c"], extra_compile_args=args, optional=True)])
