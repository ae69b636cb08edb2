"""Command line interface: a thin layer over the library API."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer

from claims.document import DocumentError, SourceDocument, decode, iter_paths, parse_text, read_document
from claims.output import Format, render_claims

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Track claims and their sources in German news.")

ModelDir = typer.Option(None, "--model-dir", envvar="CLAIMS_STANZA_DIR", help="Directory with stanza's German models (also $CLAIMS_STANZA_DIR); default: stanza's own location.")


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"claims: {message}", err=True)
    raise typer.Exit(code)


def _analyzer(model_dir: Optional[Path]):
    from claims.nlp.stanza_analyzer import ModelNotFoundError, get_analyzer

    try:
        return get_analyzer(model_dir)
    except ModelNotFoundError as exc:
        fail(str(exc), 2)


def load_sources(paths: list[str]) -> tuple[list[SourceDocument], list[str]]:
    """Read every input; bad ones become one error line each."""
    sources, errors = [], []
    for p in iter_paths(paths):
        try:
            if p == "-":
                data = sys.stdin.buffer.read()
                sources.append(parse_text(decode(data, "<stdin>"), path="-", data=data))
            else:
                sources.append(read_document(p))
        except DocumentError as exc:
            errors.append(str(exc))
    return sources, errors


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Text files, directories (all *.txt below) or - for stdin."),
    fmt: Format = typer.Option(Format.table, "--format", "-f", help="Output format."),
    model_dir: Optional[Path] = ModelDir,
) -> None:
    """Find attributed claims in German articles."""
    from claims.pipeline import extract_documents

    sources, errors = load_sources(paths)
    for e in errors:
        typer.echo(f"claims: {e}", err=True)
    if sources:
        analyzer = _analyzer(model_dir)
        results = extract_documents(sources, analyzer)
        claims = [c for r in results for c in r.claims]
        out = render_claims(claims, fmt)
        if out:
            typer.echo(out)
    if errors:
        raise typer.Exit(1)


@app.command("eval")
def evaluate(
    gold: Path = typer.Argument(..., help="Gold file in the format of shared/gold/README.md."),
    model_dir: Optional[Path] = ModelDir,
    as_json: bool = typer.Option(False, "--json", help="Scores as JSON."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List every error per document."),
) -> None:
    """Score the extractor against a gold file (claim F1, speaker, outlets, kind, verification)."""
    from claims.evaluate import score
    from claims.pipeline import extract_documents

    try:
        docs = json.loads(gold.read_text(encoding="utf-8"))
        if not isinstance(docs, list):
            raise ValueError("expected a JSON list of documents")
    except (OSError, ValueError) as exc:
        fail(f"{gold}: cannot read gold file ({exc})", 2)
    analyzer = _analyzer(model_dir)
    sources = [parse_text(d["text"], path=d.get("file")) for d in docs]
    results = extract_documents(sources, analyzer)
    preds = {r.document.sha256: [c.model_dump(mode="json") for c in r.claims] for r in results}
    per_doc, total = score(docs, preds)
    if as_json:
        typer.echo(json.dumps({"total": total.scores(), "documents": {k: v.scores() for k, v in per_doc.items()}}, indent=2))
        return
    from tabulate import tabulate

    keys = ["gold", "pred", "matched", "claim_f1", "message_token_f1", "speaker_acc", "outlet_f1", "kind_acc", "verification_acc"]
    rows = [[k] + [round(v.scores()[x], 3) for x in keys] for k, v in per_doc.items()]
    rows.append(["TOTAL"] + [round(total.scores()[x], 3) for x in keys])
    typer.echo(tabulate(rows, headers=["document"] + keys, tablefmt="simple"))
    if verbose:
        for k, v in per_doc.items():
            for e in v.errors:
                typer.echo(f"{k}: {e}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
