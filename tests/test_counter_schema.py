"""Template format validation: every error names file, entry and field."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from hoaxguard.counter import (
    CounterNarrativeLibrary,
    TemplateValidationError,
    is_debunked,
    template_from_dict,
    validate_templates,
)
from test_counter_fixtures import ENTRY, entries, write_doc


def test_valid_document_loads(tmp_path):
    path = write_doc(tmp_path / "ok.yaml", entries())
    templates, errors, warnings = validate_templates(path)
    assert errors == [] and warnings == []
    assert [t.id for t in templates] == [
        "contoh-hadiah-palsu",
        "contoh-gempa-ramalan",
        "contoh-vaksin-chip",
    ]
    tpl = templates[0]
    assert tpl.sources[0].date == "2026-01-15"
    assert tpl.aliases[0].startswith("selamat")
    assert tpl.debunked


@pytest.mark.parametrize(
    ("field", "value", "needle"),
    [
        ("id", "Bad Id!", "slug"),
        ("verdict", "PALSU BANGET", "is not one of"),
        ("fact", "", "missing or empty"),
        ("sources", [], "at least one source"),
        ("sources", [{"name": "X", "url": "ftp://x"}], "http(s) URL"),
        ("sources", [{"name": "X", "url": "https://x.org", "date": "26/11/2026"}], "date"),
        ("hashtags", ["Cek Fakta"], "'#'"),
        ("valid_from", "kemarin", "date"),
        ("responses", {"tiktok": "teks"}, "unknown platform"),
        ("responses", {"x": "Fakta: {fact.__class__}"}, "plain name"),
        ("responses", {"x": "Fakta: {fact"}, "brace"),
        ("aliases", "satu teks", "list of texts"),
        ("colour", "merah", "unknown field"),
    ],
)
def test_error_names_file_entry_and_field(tmp_path, field, value, needle):
    docs = entries()
    docs[1][field] = value
    path = write_doc(tmp_path / "bad.yaml", docs)
    _, errors, _ = validate_templates(path)
    assert errors, f"no error for {field}={value!r}"
    err = errors[0]
    assert err.file.endswith("bad.yaml")
    assert err.index == 1
    assert err.id == ("contoh-gempa-ramalan" if field != "id" else "Bad Id!")
    assert err.field.split("[")[0].split(".")[0] == field
    text = str(err)
    assert "bad.yaml" in text and "entry 1" in text and field in text and needle in text


def test_load_raises_with_every_error(tmp_path):
    docs = entries()
    docs[0]["verdict"] = "NGAWUR"
    del docs[2]["fact"]
    write_doc(tmp_path / "bad.yaml", docs)
    with pytest.raises(TemplateValidationError) as info:
        CounterNarrativeLibrary.load(tmp_path)
    fields = {(e.index, e.field) for e in info.value.errors}
    assert fields == {(0, "verdict"), (2, "fact")}
    assert "entry 2 (id 'contoh-vaksin-chip'): field 'fact'" in str(info.value)


def test_document_level_errors(tmp_path):
    path = write_doc(tmp_path / "v2.yaml", entries(), version=2)
    _, errors, _ = validate_templates(path)
    assert errors[0].field == "schema_version" and errors[0].index is None
    (tmp_path / "broken.yaml").write_text("schema_version: 1\ntemplates: [\n", encoding="utf-8")
    _, errors, _ = validate_templates(tmp_path / "broken.yaml")
    assert "invalid YAML at line" in str(errors[0])


def test_duplicate_ids_within_and_across_files(tmp_path):
    write_doc(tmp_path / "a.yaml", [ENTRY, ENTRY])
    _, errors, _ = validate_templates(tmp_path / "a.yaml")
    assert errors[0].index == 1 and errors[0].field == "id" and "duplicate" in errors[0].message
    write_doc(tmp_path / "a.yaml", [ENTRY])
    write_doc(tmp_path / "b.yaml", [ENTRY])
    _, errors, _ = validate_templates(tmp_path)
    assert (
        len(errors) == 1
        and "already defined in" in errors[0].message
        and "a.yaml" in errors[0].message
    )


def test_few_aliases_is_a_warning(tmp_path):
    docs = entries()
    docs[0]["aliases"] = ["satu"]
    _, errors, warnings = validate_templates(write_doc(tmp_path / "w.yaml", docs))
    assert errors == [] and warnings[0].field == "aliases"


def test_verdict_is_normalised_and_debunked_labels():
    entry = dict(ENTRY, verdict="konten  menyesatkan")
    assert template_from_dict(entry).verdict == "KONTEN MENYESATKAN"
    assert all(
        is_debunked(v) for v in ("SALAH", "HOAKS", "PENIPUAN", "KONTEN PALSU", "DISINFORMASI")
    )
    assert not any(is_debunked(v) for v in ("BENAR", "SATIRE", "KLARIFIKASI", None))


def test_json_schema_document_agrees(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(
        (resources.files("hoaxguard") / "_data" / "template.schema.json").read_text("utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate({"schema_version": 1, "templates": entries()}, schema)
    bad = {"schema_version": 1, "templates": [dict(ENTRY, verdict="NGAWUR")]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)
