"""notebooks/review-and-learn.ipynb runs top to bottom (like tests/test_notebooks.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "review-and-learn.ipynb"
KERNEL = "hoaxguard-test"


def test_stored_without_outputs():
    book = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(book)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.slow
def test_review_and_learn_notebook_runs(tmp_path, monkeypatch):
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "hoaxguard test venv", "language": "python"}), encoding="utf-8")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    work = tmp_path / "work"
    work.mkdir()
    book = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(book, kernel_name=KERNEL, timeout=300,
                                     resources={"metadata": {"path": str(work)}})
    client.execute()
    errors = [o.get("ename") for c in book.cells if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert (work / "local.skops").is_file() and (work / "local.templates").is_dir()
    assert any("image/png" in o.get("data", {}) for c in book.cells if c.cell_type == "code"
               for o in c.get("outputs", []))
