"""Builds the one optional compiled part; everything else is in pyproject.toml.

``claims/nlp/lite/_hanta.c``: HanTa's morphological searches and sentence Viterbi in C,
over HanTa's own tables (the same tags as HanTa's Python code, about 2.8 times the lite
analyzer's speed). Without a C compiler the build goes on without it and HanTa's
Python code runs.
"""

import sys

from setuptools import Extension, setup

# the same floating-point sums as HanTa's Python code: no fused multiply-add
args = [] if sys.platform == "win32" else ["-ffp-contract=off", "-fno-fast-math"]
setup(ext_modules=[Extension("claims.nlp.lite._hanta", ["claims/nlp/lite/_hanta.c"], extra_compile_args=args, optional=True)])
