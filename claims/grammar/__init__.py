"""German grammar over the token model, shared by the cue rules, resolution and the
SpkAtt export: clauses, mood and noun phrases (:mod:`claims.grammar.syntax`), verbs and
their subjects (:mod:`claims.grammar.verbs`)."""
