"""Resolution across the document: who the speakers are
(:mod:`claims.resolve.speakers`), which outlets relay them
(:mod:`claims.resolve.outlets`), and whether the text says a claim was checked
(:mod:`claims.resolve.verification`)."""
