"""Worker processes end with their parent (kill -9 of ``score -j 2``), without tracebacks."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

psutil = pytest.importorskip("psutil")


def _state(out: Path) -> dict | None:
    try:
        return json.loads((out.parent / f"{out.name}.checkpoint" / "state.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


def _write_posts(path: Path, n: int) -> None:
    words = ["vaksin", "chip", "posyandu", "jadwal", "sebarkan", "bantuan", "banjir", "jalan"]
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("post_id,text\n")
        for i in range(n):
            fh.write(f"{i},{words[i % 8]} {words[(i * 3) % 8]} warga nomor {i} {words[i % 5]}\n")


@pytest.mark.slow
def test_kill_9_of_score_j2_leaves_no_orphans_and_no_tracebacks(tmp_path):
    src = tmp_path / "posts.csv"
    _write_posts(src, 60_000)
    out = tmp_path / "posts.scored.csv"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hoaxguard",
            "score",
            str(src),
            "-o",
            str(out),
            "-j",
            "2",
            "--chunk-size",
            "50",
            "--no-match",
            "--cache-size",
            "0",
            "-q",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:
            state = _state(out)
            if state and state.get("position", {}).get("rows", 0) >= 200:
                break
            if proc.poll() is not None:
                pytest.fail(f"the run ended early: {proc.communicate()[1].decode()[-2000:]}")
            time.sleep(0.05)
        else:
            pytest.fail("the run made no progress")
        parent = psutil.Process(proc.pid)
        children = parent.children(recursive=True)
        workers = [c for c in children if "spawn_main" in " ".join(c.cmdline())]
        assert len(workers) == 2
        os.kill(proc.pid, signal.SIGKILL)  # the parent only, as `kill -9 PID` does
        proc.wait(timeout=30)
        _, alive = psutil.wait_procs(children, timeout=60)
        assert not alive, f"orphaned workers still running: {[p.pid for p in alive]}"
        err = proc.communicate(timeout=30)[1].decode()  # reads stderr and closes both pipes
        assert "Traceback" not in err and "BrokenPipeError" not in err, err[-2000:]
    finally:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
