import json
import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from claims.cli import app
from tests.conftest import GOLD_DIR, MODEL_DIR, ROOT, SEEDS

runner = CliRunner()


@pytest.fixture(autouse=True)
def _model_env(monkeypatch):
    monkeypatch.setenv("CLAIMS_STANZA_DIR", str(MODEL_DIR))


@pytest.mark.slow
def test_extract_table():
    r = runner.invoke(app, ["extract", str(SEEDS[0])])
    assert r.exit_code == 0, r.output
    assert "Li Shangfu" in r.output and "CCTV News" in r.output and "unverifiable" in r.output


@pytest.mark.slow
def test_extract_jsonl_records_have_gold_field_names():
    r = runner.invoke(app, ["extract", "--format", "jsonl", str(ROOT / "seeds")])
    assert r.exit_code == 0
    rows = [json.loads(line) for line in r.output.splitlines()]
    assert len(rows) == 18
    first = rows[0]
    for key in ["id", "document", "message", "cue", "speaker", "outlets", "kind", "verification", "continuation_of"]:
        assert key in first
    assert set(first["document"]) >= {"path", "sha256", "title", "date", "publisher"}


@pytest.mark.slow
def test_extract_json_and_stdin():
    r = runner.invoke(app, ["extract", "--format", "json", "-"], input="Mena betonte, die Gefahr sei hoch.".encode())
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data[0]["speaker"]["name"] == "Mena" and data[0]["document"]["path"] == "-"


@pytest.mark.slow
def test_bad_inputs_one_line_each_and_batch_goes_on(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Er sagte, es sei schön.".encode("latin-1"))
    r = runner.invoke(app, ["extract", "--format", "jsonl", str(empty), str(tmp_path / "missing.txt"), str(binary), str(latin), str(SEEDS[1])])
    assert r.exit_code == 1
    err = r.stderr.strip().splitlines()
    assert len(err) == 4
    assert any("empty.txt: empty file" in e for e in err)
    assert any("missing.txt: no such file" in e for e in err)
    assert any("bin.txt: binary" in e for e in err)
    assert any("latin.txt: not valid UTF-8" in e for e in err)
    assert len(r.stdout.splitlines()) == 8  # the good file was still processed


def test_usage_error_exit_code():
    r = runner.invoke(app, ["extract", "--format", "xml", str(SEEDS[0])])
    assert r.exit_code == 2


def test_missing_model_is_one_clear_error(tmp_path, monkeypatch):
    from claims.nlp import stanza as stanza_analyzer

    monkeypatch.setattr(stanza_analyzer, "_SHARED", {})
    monkeypatch.setattr("stanza.download", lambda *a, **k: (_ for _ in ()).throw(OSError("offline")))
    r = runner.invoke(app, ["extract", "--analyzer", "stanza", "--model-dir", str(tmp_path / "nomodel"), str(SEEDS[0])])
    assert r.exit_code == 2
    assert "--model-dir" in r.stderr and "CLAIMS_STANZA_DIR" in r.stderr


@pytest.mark.slow
def test_eval_on_seeds():
    r = runner.invoke(app, ["eval", "--json", str(GOLD_DIR / "seeds.json")])
    assert r.exit_code == 0
    total = json.loads(r.output)["total"]
    assert total["claim_f1"] >= 0.9 and total["verification_acc"] == 1.0


@pytest.mark.slow
def test_installed_command_runs_in_a_subprocess():
    exe = os.path.join(os.path.dirname(sys.executable), "claims")
    env = dict(os.environ, CLAIMS_STANZA_DIR=str(MODEL_DIR))
    p = subprocess.run([exe, "extract", "--format", "jsonl", str(SEEDS[1])], capture_output=True, text=True, env=env, timeout=300)
    assert p.returncode == 0, p.stderr
    assert len(p.stdout.splitlines()) == 8


def test_auto_falls_back_to_lite_with_a_notice(tmp_path, monkeypatch):
    monkeypatch.delenv("CLAIMS_STANZA_DIR", raising=False)
    r = runner.invoke(app, ["extract", "--no-store", "--analyzer", "auto", "--model-dir", str(tmp_path / "none"), "-f", "jsonl", str(SEEDS[1])])
    assert r.exit_code == 0
    assert "using the lite analyzer" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert len(r.stdout.splitlines()) >= 6

@pytest.mark.slow
def test_models_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMS_STANZA_DIR", str(MODEL_DIR))
    r = runner.invoke(app, ["models", "path"])
    assert r.stdout.strip() == str(MODEL_DIR)
    r = runner.invoke(app, ["models", "status"])
    assert r.exit_code == 0 and "present" in r.stdout and "depparse" in r.stdout
    assert re.search(r"lite analyzer: SoMaJo 2\.5\.0, HanTa 1\.2\.1; HanTa's C search (yes|no)", r.stdout)
    r = runner.invoke(app, ["models", "status", "--model-dir", str(tmp_path)])
    assert r.exit_code == 1 and "missing" in r.stdout
    monkeypatch.setattr("stanza.download", lambda *a, **k: (_ for _ in ()).throw(OSError("no network")))
    r = runner.invoke(app, ["models", "download", "--model-dir", str(tmp_path / "m")])
    assert r.exit_code == 1 and "cannot download" in r.stderr and len(r.stderr.strip().splitlines()) == 1
