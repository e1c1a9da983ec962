"""Loading, merging and saving template libraries."""

from __future__ import annotations

import pickle

import pytest

from hoaxguard.counter import (
    DEFAULT_THRESHOLD,
    CounterNarrativeLibrary,
    bundled_templates_dir,
    validate_templates,
)
from test_counter_fixtures import ENTRY, OTHER, THIRD, entries, write_doc

MIN_BUNDLED = 40


def _bundled_files():
    folder = bundled_templates_dir()
    return (
        [f for f in folder.iterdir() if f.name.endswith((".yaml", ".yml", ".json"))]
        if folder.is_dir()
        else []
    )


@pytest.fixture(scope="module")
def bundled():
    if not _bundled_files():
        pytest.skip(
            "no bundled templates in hoaxguard/_data/templates yet (written by the content task)"
        )
    return CounterNarrativeLibrary.load()


def test_bundled_library_validates_without_warnings(bundled):
    templates, errors, warnings = validate_templates()
    assert errors == [], "\n".join(map(str, errors))
    assert warnings == [], "\n".join(map(str, warnings))
    assert len(bundled) == len(templates) >= MIN_BUNDLED
    assert bundled.threshold == DEFAULT_THRESHOLD


def test_bundled_templates_cite_sources_and_have_aliases(bundled):
    for tpl in bundled:
        assert tpl.sources and all(s.url.startswith("https://") for s in tpl.sources), tpl.id
        assert len(tpl.aliases) >= 3, tpl.id
        assert tpl.fact and tpl.claim and tpl.title, tpl.id


def test_load_file_or_folder(tmp_path):
    write_doc(tmp_path / "a.yaml", [ENTRY, OTHER])
    write_doc(tmp_path / "b.yaml", [THIRD])
    (tmp_path / "notes.txt").write_text("not a template", encoding="utf-8")
    assert len(CounterNarrativeLibrary.load(tmp_path / "a.yaml")) == 2
    lib = CounterNarrativeLibrary.load(tmp_path, threshold=0.3)
    assert lib.ids == ["contoh-hadiah-palsu", "contoh-gempa-ramalan", "contoh-vaksin-chip"]
    assert lib.threshold == 0.3
    assert "contoh-vaksin-chip" in lib and lib.get("contoh-vaksin-chip").verdict == "HOAKS"
    with pytest.raises(KeyError, match="did you mean contoh-vaksin-chip"):
        lib.get("contoh-vaksin-cip")
    with pytest.raises(FileNotFoundError):
        CounterNarrativeLibrary.load(tmp_path / "missing.yaml")


def test_merge_duplicate_policies(tmp_path):
    a = CounterNarrativeLibrary.load(write_doc(tmp_path / "a.yaml", [ENTRY, OTHER]))
    changed = dict(ENTRY, fact="Fakta versi kedua dari kantor contoh.")
    b = CounterNarrativeLibrary.load(write_doc(tmp_path / "b.yaml", [changed, THIRD]))
    with pytest.raises(ValueError, match="contoh-hadiah-palsu"):
        a.merge(b)
    replaced = a.merge(b, on_duplicate="replace")
    assert len(replaced) == 3 and replaced.get("contoh-hadiah-palsu").fact.startswith(
        "Fakta versi kedua"
    )
    assert replaced.ids[0] == "contoh-hadiah-palsu"  # replaced in place
    kept = a.merge(b, on_duplicate="keep")
    assert kept.get("contoh-hadiah-palsu").fact == ENTRY["fact"]
    with pytest.raises(ValueError, match="on_duplicate"):
        a.merge(b, on_duplicate="whatever")
    with pytest.raises(ValueError, match="duplicate template id"):
        CounterNarrativeLibrary([*a, *a])


def test_to_yaml_round_trip(tmp_path):
    lib = CounterNarrativeLibrary.load(write_doc(tmp_path / "a.yaml", entries()))
    out = tmp_path / "out.yaml"
    text = lib.to_yaml(out)
    assert text.startswith("schema_version: 1")
    again = CounterNarrativeLibrary.load(out)
    assert list(again) == list(lib)


def test_valid_on_filters_by_dates(tmp_path):
    old = dict(OTHER, valid_until="2020-12-31")
    lib = CounterNarrativeLibrary.load(write_doc(tmp_path / "a.yaml", [ENTRY, old]))
    assert lib.valid_on("2026-01-01").ids == ["contoh-hadiah-palsu"]
    assert len(lib.valid_on("2020-06-01")) == 2


def test_library_pickles_after_matching(tmp_path):
    lib = CounterNarrativeLibrary.load(write_doc(tmp_path / "a.yaml", entries()))
    before = lib.match(["vaksin isinya microchip pelacak"])
    again = pickle.loads(pickle.dumps(lib))
    assert again.match(["vaksin isinya microchip pelacak"]).equals(before)
