from claims.schema import generate
from tests.conftest import ROOT


def test_committed_schemas_match_the_models():
    for name, text in generate().items():
        path = ROOT / "schemas" / name
        assert path.read_text(encoding="utf-8") == text, f"{name} drifted: run python -m claims.schema"
