"""JSON Schemas generated from the pydantic models (``python -m claims.schema`` writes them)."""

from __future__ import annotations

import json
from pathlib import Path

from claims.models import Claim, DocumentResult, ExportedClaim, ExportedDocument

SCHEMAS = {"claim.schema.json": Claim, "document-result.schema.json": DocumentResult, "export-document.schema.json": ExportedDocument, "export-claim.schema.json": ExportedClaim}


def generate() -> dict[str, str]:
    return {name: json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n" for name, model in SCHEMAS.items()}


def write(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in generate().items():
        (directory / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write(Path(__file__).resolve().parent.parent / "schemas")
