"""Evaluation: the gold metric of ``shared/gold/README.md`` (:mod:`claims.eval.gold`)
and the SpkAtt-2023 Task 2 format, prediction and scorer (:mod:`claims.eval.spkatt`)."""
