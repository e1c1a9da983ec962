"""The notebooks in notebooks/ run top to bottom (nbclient) and are stored without outputs.

Each notebook is executed in a kernel that runs this test's Python (the test
venv), in a temporary working directory. ``train-and-evaluate`` needs the shared
corpus: it uses the ``corpus_dir`` fixture (skipped when ``../shared`` is absent,
failing when ``HOAXGUARD_REQUIRE_CORPUS=1``) and gets its location through
``HOAXGUARD_SHARED``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
KERNEL = "hoaxguard-test"
CELL_TIMEOUT = 300


@pytest.fixture(scope="module")
def kernel_dir(tmp_path_factory) -> Path:
    """A Jupyter data dir with a kernelspec running this interpreter."""
    root = tmp_path_factory.mktemp("jupyter")
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "hoaxguard test venv",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    return root


def _execute(name: str, workdir: Path, kernel_dir: Path, monkeypatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("JUPYTER_PATH", str(kernel_dir))
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        book,
        kernel_name=KERNEL,
        timeout=CELL_TIMEOUT,
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()
    return book


def _errors(book) -> list[str]:
    return [
        out.get("ename", "")
        for cell in book.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]


def _has_image(book) -> bool:
    return any(
        "image/png" in out.get("data", {})
        for cell in book.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", ["quickstart.ipynb", "monitoring.ipynb"])
def test_notebook_runs(name, tmp_path, kernel_dir, monkeypatch):
    book = _execute(name, tmp_path, kernel_dir, monkeypatch)
    assert not _errors(book)
    assert _has_image(book), "the notebook should show at least one chart"


@pytest.mark.slow
@pytest.mark.corpus
def test_train_and_evaluate_notebook_runs(corpus_dir, tmp_path, kernel_dir, monkeypatch):
    monkeypatch.setenv("HOAXGUARD_SHARED", str(corpus_dir.parent))
    book = _execute("train-and-evaluate.ipynb", tmp_path, kernel_dir, monkeypatch)
    assert not _errors(book)
    assert _has_image(book)


def test_notebooks_are_stored_without_outputs():
    names = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert {"monitoring.ipynb", "quickstart.ipynb", "train-and-evaluate.ipynb"} <= set(names)
    for name in names:
        book = nbformat.read(NOTEBOOKS / name, as_version=4)
        nbformat.validate(book)
        for cell in book.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, name
