"""Extraction rules: small pure functions over a parsed document.

Each module holds one pattern (textacy-style):

- :mod:`claims.rules.quotes` — quotation spans in the text;
- :mod:`claims.rules.verb_cues` — speech/thought verbs with a content clause or quotation;
- :mod:`claims.rules.prep_cues` — ``laut X``, ``X zufolge``, ``nach Angaben``, ``wie X berichtete`` …;
- :mod:`claims.rules.noun_cues` — speech nouns with a content clause (``Gerüchte, wonach …``);
- :mod:`claims.rules.frames` — ``…, so X``, ``heißt es``, ``X: "…"`` headlines;
- :mod:`claims.rules.headlines` — cue-less quotations in titles and intertitles;
- :mod:`claims.rules.continuations` — Konjunktiv and first-person continuations;
- :mod:`claims.grammar.syntax` — helpers shared by the rules (clauses, mood, noun phrases).
"""
