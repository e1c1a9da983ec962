"""Cold start: ``hoaxguard score`` on 10 posts in a fresh interpreter, against its floor.

Every run is a new process (nothing cached in memory; the files are in the OS
page cache after the first run, as on an admin's machine between two exports).
The floor is the same job without hoaxguard: a fresh interpreter that imports
pandas, reads the 10 rows and writes them back. Also timed: importing
scikit-learn alone and importing skops alone (what the model file's format
costs). The median of ``--runs`` runs is printed, with the ratio to the floor and
the issue's target (1.5 s).

Usage::

    python benchmarks/bench_cold.py [--runs 5] [--rows 10] [--compare-src OLD/src]

``--compare-src`` also times ``hoaxguard score`` of another checkout's ``src``
folder (e.g. a ``git worktree`` of the previous commit), in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 1.5
EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "example_posts.csv"


def _median_seconds(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> None:
    """Print the cold-start timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median printed)")
    parser.add_argument("--rows", type=int, default=10, help="rows of the example export")
    parser.add_argument("--compare-src", type=Path, default=None,
                        help="the src folder of another checkout, timed the same way")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        posts = Path(tmp) / "posts.csv"
        out = Path(tmp) / "scored.csv"
        lines = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
        posts.write_text("".join(lines[: args.rows + 1]), encoding="utf-8")
        py = sys.executable
        floor = _median_seconds(
            [py, "-c", "import sys, pandas as pd; "
             "pd.read_csv(sys.argv[1]).to_csv(sys.argv[2], index=False)", str(posts), str(out)],
            args.runs)
        cases = {
            "import sklearn.base": [py, "-c", "import sklearn.base"],
            "import skops.io": [py, "-c", "import skops.io"],
            "hoaxguard score": [py, "-m", "hoaxguard", "score", str(posts), "-o", str(out)],
        }
        print(f"{args.rows} posts, median of {args.runs} fresh processes")
        print(f"  floor (python + pandas read/write): {floor:6.2f} s")
        for name, cmd in cases.items():
            seconds = _median_seconds(cmd, args.runs)
            print(f"  {name:34s} {seconds:6.2f} s  = {seconds / floor:5.2f}x the floor")
        if args.compare_src is not None:
            env = dict(os.environ, PYTHONPATH=str(args.compare_src.resolve()))
            seconds = _median_seconds(cases["hoaxguard score"], args.runs, env)
            print(f"  {'hoaxguard score of --compare-src':34s} {seconds:6.2f} s  = "
                  f"{seconds / floor:5.2f}x the floor")
        print(f"  target for hoaxguard score: {TARGET_SECONDS} s")


if __name__ == "__main__":
    main()
