"""``hoaxguard match`` and ``hoaxguard templates`` through ``hoaxguard.cli.main``."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from hoaxguard.cli import main
from test_counter_fixtures import entries, write_doc


@pytest.fixture
def tpl_file(tmp_path):
    return write_doc(tmp_path / "lib.yaml", entries())


def test_match_text_json(tpl_file, capsys):
    rc = main(
        [
            "match",
            "vaksin itu isinya microchip pelacak",
            "--templates",
            str(tpl_file),
            "--json",
            "--k",
            "2",
        ]
    )
    assert rc == 0
    record = json.loads(capsys.readouterr().out)
    assert record["match_id"] == "contoh-vaksin-chip" and record["is_match"] is True
    assert record["match_verdict"] == "HOAKS" and len(record["candidates"]) == 2


def test_match_stdin_and_platform(tpl_file, capsys, monkeypatch):
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("ramalan gempa besar malam ini, segera mengungsi\n")
    )
    rc = main(
        [
            "match",
            "-",
            "--templates",
            str(tpl_file),
            "--platform",
            "twitter",
            "--agency",
            "Diskominfo",
        ]
    )
    out = capsys.readouterr().out
    assert rc == 0 and out.startswith("MATCH contoh-gempa-ramalan")
    assert "FAKTA: Gempa bumi tidak dapat diprediksi" in out and "https://example.org/gempa" in out


def test_match_lines_and_no_match(tpl_file, capsys, monkeypatch):
    monkeypatch.setattr(
        "sys.stdin", io.StringIO("selamat pagi semua\nvaksin berisi chip pelacak\n")
    )
    rc = main(["match", "-", "--lines", "--templates", str(tpl_file), "--json"])
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rc == 0 and [r["is_match"] for r in rows] == [False, True]


def test_match_errors(tpl_file, tmp_path, capsys):
    assert main(["match", "x", "--k", "0", "--templates", str(tpl_file)]) == 2
    bad = write_doc(tmp_path / "bad.yaml", [dict(entries()[0], verdict="NGAWUR")])
    assert main(["match", "x", "--templates", str(bad)]) == 2
    assert "verdict" in capsys.readouterr().err


def test_templates_validate(tpl_file, tmp_path, capsys):
    assert main(["templates", "validate", str(tpl_file)]) == 0
    assert "OK, 3 templates" in capsys.readouterr().out
    bad = write_doc(tmp_path / "bad.yaml", [dict(entries()[0], sources=[])])
    assert main(["templates", "validate", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml: entry 0 (id 'contoh-hadiah-palsu'): field 'sources'" in err


def test_templates_export_import_round_trip(tpl_file, tmp_path, capsys):
    out = tmp_path / "out.jsonld"
    assert main(["templates", "export", str(tpl_file), "-o", str(out), "--extensions"]) == 0
    assert json.loads(out.read_text("utf-8"))[0]["@type"] == "ClaimReview"
    back = tmp_path / "back.yaml"
    assert main(["templates", "import", str(out), "-o", str(back)]) == 0
    assert main(["templates", "validate", str(back)]) == 0


def test_templates_import_factcheck_csv(tmp_path, capsys):
    csv = tmp_path / "fc.csv"
    pd.DataFrame(
        {
            "id": ["x:1"],
            "claim": ["Klaim contoh yang beredar"],
            "title": ["klaim contoh"],
            "verdict": ["salah"],
            "category": [""],
            "explanation": ["Penjelasan contoh."],
            "references": [""],
            "date": ["2026-01-01"],
            "url": ["https://cekfakta.example.org/1"],
        }
    ).to_csv(csv, index=False)
    out = tmp_path / "fc.yaml"
    assert main(["templates", "import", str(csv), "-o", str(out)]) == 0
    assert "wrote 1 templates" in capsys.readouterr().out
    assert main(["templates", "import", str(tmp_path / "nope.csv"), "-o", str(out)]) == 2
