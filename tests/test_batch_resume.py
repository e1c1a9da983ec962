"""Crash safety: after kill -9, --resume finishes with byte-identical output."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hoaxguard.batch import ResumeError, score_file
from test_batch_fakes import FakeDetector, FakeLibrary, fake_render
from test_batch_invariance import make_csv

TESTS = Path(__file__).resolve().parent

SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from test_batch_fakes import FakeLibrary, SlowDetector, fake_render
from hoaxguard.batch import score_file
if __name__ == "__main__":
    delay = float(sys.argv[3])
    s = score_file(sys.argv[1], sys.argv[2], model=SlowDetector(delay, sys.argv[2] + ".started"),
                   library=FakeLibrary(), renderer=fake_render, chunk_size=int(sys.argv[4]),
                   jobs=int(sys.argv[5]), resume=sys.argv[6] == "resume", progress=False)
    print(s.rows_read, s.rows_written, s.rows_quarantined, s.resumed, s.balanced)
"""


def _state(out: Path) -> dict | None:
    try:
        return json.loads((out.parent / f"{out.name}.checkpoint" / "state.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def _run(script, src, out, delay, chunk, jobs, mode, **kw):
    return subprocess.Popen(
        [sys.executable, str(script), str(src), str(out), str(delay), str(chunk), str(jobs), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        **kw,
    )


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "jobs"), [("csv", 1), ("parquet", 1), ("json", 2)])
def test_kill_9_then_resume_is_byte_identical(tmp_path, fmt, jobs):
    src = tmp_path / "in.csv"
    make_csv(src, n=400)
    script = tmp_path / "run.py"
    script.write_text(SCRIPT.format(tests=str(TESTS)))

    ref = tmp_path / f"ref.{fmt}"
    proc = _run(script, src, ref, 0, 20, 1, "fresh")
    _, err = proc.communicate(timeout=120)  # communicate closes the pipes (no ResourceWarning)
    assert proc.returncode == 0, err.decode()

    out = tmp_path / f"out.{fmt}"
    proc = _run(script, src, out, 0.15, 20, jobs, "fresh")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = _state(out)
        if state and state.get("position", {}).get("rows", 0) >= 100:
            break
        time.sleep(0.02)
    else:
        proc.kill()
        proc.communicate(timeout=30)
        pytest.fail("the run made no progress")
    os.killpg(proc.pid, signal.SIGKILL)  # kill -9 the run and its workers
    proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert not out.exists()
    killed_at = _state(out)["position"]["rows"]
    assert 100 <= killed_at < 400

    proc = _run(script, src, out, 0, 20, jobs, "resume")
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr.decode()
    read, written, quarantined, resumed, balanced = stdout.decode().split()
    assert resumed == "True" and balanced == "True"
    assert int(read) == int(written) + int(quarantined)
    assert out.read_bytes() == ref.read_bytes()
    qname = f"{out.name}.quarantine.csv"
    assert (tmp_path / qname).read_bytes() == (tmp_path / f"{ref.name}.quarantine.csv").read_bytes()
    assert not (tmp_path / f"{out.name}.checkpoint").exists()


class Interrupt(FakeDetector):
    """Raises KeyboardInterrupt on the n-th batch (simulates a crash in-process)."""

    def __init__(self, after: int) -> None:
        super().__init__()
        self.after = after
        self.calls = 0

    def score(self, texts, top_k=5):
        self.calls += 1
        if self.calls > self.after:
            raise KeyboardInterrupt
        return super().score(texts, top_k)


def _score(src, out, model, **kw):
    return score_file(
        src, out, model=model, library=FakeLibrary(), renderer=fake_render, progress=False, **kw
    )


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_torn_writes_after_last_commit_are_discarded(tmp_path, fmt):
    src = tmp_path / "in.csv"
    make_csv(src, n=300)
    ref = tmp_path / f"ref.{fmt}"
    _score(src, ref, FakeDetector(), chunk_size=25)
    out = tmp_path / f"out.{fmt}"
    with pytest.raises(KeyboardInterrupt):
        _score(src, out, Interrupt(after=4), chunk_size=25)
    ck = tmp_path / f"{out.name}.checkpoint"
    assert (ck / "state.json").exists()
    # simulate a crash between writing a chunk and committing it
    with open(ck / "quarantine.part", "ab") as fh:
        fh.write(b"9999,1,torn,write\n")
    if fmt != "xlsx":
        with open(ck / "output.part", "ab") as fh:
            fh.write(b"half a ro")
    else:
        (ck / "part-000099.arrow").write_bytes(b"junk")
    summary = _score(src, out, Interrupt(after=10**6), chunk_size=40, resume=True)
    assert summary.resumed and summary.balanced
    if fmt == "xlsx":  # zip timestamps differ; compare the content
        import pandas as pd

        pd.testing.assert_frame_equal(pd.read_excel(out), pd.read_excel(ref))
    else:
        assert out.read_bytes() == ref.read_bytes()
    assert (tmp_path / f"{out.name}.quarantine.csv").read_bytes() == (
        tmp_path / f"{ref.name}.quarantine.csv"
    ).read_bytes()


def test_resume_refuses_a_different_run(tmp_path):
    src = tmp_path / "in.csv"
    make_csv(src, n=100)
    out = tmp_path / "out.csv"
    with pytest.raises(KeyboardInterrupt):
        _score(src, out, Interrupt(after=1), chunk_size=10)
    with pytest.raises(ResumeError, match="threshold|options"):
        _score(src, out, Interrupt(after=10**6), chunk_size=10, resume=True, threshold=0.9)
    # without --resume the run starts over (with a warning)
    messages = []
    summary = _score(src, out, FakeDetector(), chunk_size=10, on_warning=messages.append)
    assert not summary.resumed and summary.balanced
    assert any("interrupted run" in m for m in messages)


def test_resume_without_checkpoint_just_runs(tmp_path):
    src = tmp_path / "in.csv"
    make_csv(src, n=50)
    summary = _score(src, tmp_path / "out.csv", FakeDetector(), resume=True)
    assert summary.balanced and not summary.resumed
