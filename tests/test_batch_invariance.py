"""The output does not depend on the chunk size, the worker processes or the result cache."""

from __future__ import annotations

import hashlib
import random

import pytest

from hoaxguard.batch import score_file
from test_batch_fakes import FakeDetector, FakeLibrary, fake_render

WORDS = [
    "sebarkan",
    "vaksin",
    "chip",
    "bansos",
    "cair",
    "bendungan",
    "jebol",
    "warga",
    "desa",
    "info",
    "penting",
    "gratis",
    "darurat",
    "posyandu",
    "rapat",
    "jadwal",
]


def make_csv(path, n=600, seed=3):
    rng = random.Random(seed)
    lines = ["id,text,author"]
    for i in range(n):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8)))
        if i % 50 == 7:
            text = ""
        if i % 41 == 3:
            text = f'"{text}, ""dikutip""\nbaris dua"'
        lines.append(f"{i},{text},u{i % 5}")
        if i % 97 == 5:
            lines.append(f"{i},broken,row,extra")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def digest(*paths):
    h = hashlib.sha256()
    for p in paths:
        h.update(p.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "parquet"])
def test_chunk_size_and_jobs_invariance(tmp_path, fmt):
    src = tmp_path / "in.csv"
    make_csv(src)
    results = {}
    combos = (
        [(600, 1, 0), (11, 1, 100), (64, 2, 100)] if fmt == "csv" else [(600, 1, 100), (37, 1, 0)]
    )
    if fmt == "parquet":
        combos.append((50, 2, 100))
    for chunk_size, jobs, cache_size in combos:
        out = tmp_path / f"out_{chunk_size}_{jobs}.{fmt}"
        summary = score_file(
            src,
            out,
            model=FakeDetector(),
            library=FakeLibrary(),
            renderer=fake_render,
            chunk_size=chunk_size,
            jobs=jobs,
            cache_size=cache_size,
            progress=False,
        )
        assert summary.balanced
        results[(chunk_size, jobs, cache_size)] = (
            digest(out, tmp_path / f"{out.name}.quarantine.csv"),
            summary.rows_read,
            summary.rows_quarantined,
            summary.rows_flagged,
        )
    assert len(set(results.values())) == 1, results
