"""Benchmark of batch scoring against a floor and a naive notebook pipeline.

Builds a CSV of short posts resampled from ``../shared/corpus`` (the corpus is
read, never copied into the repository; files go to ``benchmarks/_out/``), then
in the same run times:

(a) the floor: pandas ``read_csv`` + regex tokenisation + ``to_csv``;
(b) ``hoaxguard score`` end to end (subprocess: read, normalise, detect, match,
    render, write, quarantine, checkpoint);
(c) the naive pipeline a notebook would write: ``read_csv``, pandas ``apply`` of
    Sastrawi's ``StemmerFactory().create_stemmer().stem`` per document, a
    TF-IDF + logistic-regression model, ``to_csv``; no matching.

Two cases in the same run: ``repeated`` (texts resampled from the corpus, so
each repeats and its scores are reused, like copy-paste chains) and
``distinct`` (the row number appended to every text: nothing can be reused).
It prints the ratio b/a of each (targets, one job: repeated <= 2, distinct
<= 5) and b/c, then the peak resident memory of all processes of
``hoaxguard score`` on a larger file (target <= 1 GB).

Usage::

    python benchmarks/bench_score.py --rows 1000000 --rss-rows 5000000
    python benchmarks/bench_score.py --rows 100000 --rss-rows 0 --skip-naive   # quick
"""

from __future__ import annotations

import argparse
import contextlib
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "_out"
SOURCES = ("labeled_claims.csv", "ordinary_posts.csv", "sms_fraud.csv")
MAX_POST_CHARS = 280
#: end-to-end time of ``hoaxguard score`` (one job) over the floor's, per case (issue 14)
TARGETS = {"repeated": 2.0, "distinct": 5.0}


def corpus_texts() -> tuple[pd.Series, pd.Series]:
    """Short texts and labels from the shared corpus (read in place)."""
    sys.path.insert(0, str(ROOT / "src"))
    from hoaxguard._testing import shared_dir

    shared = shared_dir(ROOT)
    if shared is None:
        sys.exit("needs ../shared/corpus beside the repository")
    frames = [
        pd.read_csv(
            shared / "corpus" / name, usecols=["text", "label"], dtype=str, keep_default_na=False
        )
        for name in SOURCES
    ]
    df = pd.concat(frames, ignore_index=True)
    df = df[df["text"].str.len().between(1, MAX_POST_CHARS)]
    return df["text"].reset_index(drop=True), df["label"].reset_index(drop=True)


def build_file(
    path: Path, rows: int, texts: pd.Series, seed: int = 0, distinct: bool = False
) -> None:
    """Write ``rows`` resampled posts (id, text, account, created_at) in blocks.

    With ``distinct``, each text gets its row number appended, so no text repeats
    (no score can be reused: the worst case for ``hoaxguard score``).
    """
    if (
        path.exists()
        and path.with_suffix(".rows").exists()
        and path.with_suffix(".rows").read_text(encoding="utf-8") == str(rows)
    ):
        return
    rng = np.random.default_rng(seed)
    block = 500_000
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for start in range(0, rows, block):
            n = min(block, rows - start)
            pick = rng.integers(0, len(texts), n)
            ids = np.arange(start, start + n)
            chosen = texts.to_numpy()[pick]
            if distinct:
                chosen = np.array([f"{t} {i}" for t, i in zip(chosen, ids, strict=True)], dtype=object)
            df = pd.DataFrame(
                {
                    "id": ids,
                    "text": chosen,
                    "account": [f"akun{i % 9973}" for i in range(start, start + n)],
                    "created_at": "2025-10-01",
                }
            )
            df.to_csv(fh, index=False, header=start == 0, lineterminator="\n")
    path.with_suffix(".rows").write_text(str(rows))


def floor(path: Path, out: Path) -> float:
    t0 = time.perf_counter()
    df = pd.read_csv(path)
    df["tokens"] = df["text"].str.lower().str.findall(r"\w+").str.join(" ")
    df.to_csv(out, index=False)
    return time.perf_counter() - t0


def naive(path: Path, out: Path, texts: pd.Series, labels: pd.Series, rows: int | None) -> float:
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    stemmer = StemmerFactory().create_stemmer()
    # the notebook's model, fitted beforehand (not timed) on stemmed corpus texts
    sample = texts.sample(min(len(texts), 5000), random_state=0)
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), min_df=2), LogisticRegression(max_iter=1000)
    )
    model.fit(sample.apply(stemmer.stem), labels[sample.index] == "hoax")
    t0 = time.perf_counter()
    df = pd.read_csv(path, nrows=rows)
    df["stemmed"] = df["text"].astype(str).apply(stemmer.stem)
    df["hoax_probability"] = model.predict_proba(df["stemmed"])[:, 1]
    df["is_hoax"] = df["hoax_probability"] > 0.5
    df.drop(columns="stemmed").to_csv(out, index=False)
    return time.perf_counter() - t0


def run_score(path: Path, out: Path, args: argparse.Namespace) -> tuple[float, float, dict]:
    """Run ``hoaxguard score``; returns (seconds, peak RSS of the process tree in MiB, summary).

    The peak is the largest sum of RSS over the process and its workers, sampled
    every 0.1 s with psutil; without psutil it is the largest single process
    (``getrusage``), a lower bound.
    """
    try:
        import psutil
    except ImportError:
        psutil = None

    summary_path = out.with_suffix(".summary.json")
    cmd = [
        sys.executable,
        "-m",
        "hoaxguard",
        "score",
        str(path),
        "-o",
        str(out),
        "-q",
        "--jobs",
        str(args.jobs),
        "--chunk-size",
        str(args.chunk_size),
        "--summary-json",
        str(summary_path),
    ]
    if args.model:
        cmd += ["--model", args.model]
    if psutil is None:
        import resource

        t0 = time.perf_counter()
        code = subprocess.call(cmd)
        seconds = time.perf_counter() - t0
        if code != 0:
            sys.exit(f"hoaxguard score failed with exit code {code}")
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return seconds, peak_kib / 1024, json.loads(summary_path.read_text(encoding="utf-8"))
    peak = 0
    t0 = time.perf_counter()
    proc = psutil.Popen(cmd)
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                procs = [proc, *proc.children(recursive=True)]
                rss = 0
                for p in procs:
                    with contextlib.suppress(psutil.Error):
                        rss += p.memory_info().rss
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.1)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    code = proc.wait()
    seconds = time.perf_counter() - t0
    done.set()
    thread.join()
    if code != 0:
        sys.exit(f"hoaxguard score failed with exit code {code}")
    return seconds, peak / 2**20, json.loads(summary_path.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows for (a), (b), (c)")
    parser.add_argument(
        "--naive-rows",
        type=int,
        default=None,
        help="rows timed for (c) (default: all; fewer = extrapolated linearly)",
    )
    parser.add_argument(
        "--rss-rows", type=int, default=5_000_000, help="rows of the peak-memory run (0 = skip)"
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (targets: one job)")
    parser.add_argument("--chunk-size", type=int, default=5_000)
    parser.add_argument("--model", help="model file (default: the bundled model)")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--workdir", default=str(OUT))
    parser.add_argument(
        "--cases",
        default="repeated,distinct",
        help="comma-separated: repeated (texts resampled, each about 25 times in 1M rows), "
        "distinct (the row number appended to each text: nothing can be reused)",
    )
    parser.add_argument(
        "--distinct", action="store_true", help="same as --cases distinct (kept for old commands)"
    )
    args = parser.parse_args(argv)
    cases = ["distinct"] if args.distinct else [c.strip() for c in args.cases.split(",") if c.strip()]
    if not cases or set(cases) - set(TARGETS):
        parser.error(f"--cases takes a comma-separated subset of {', '.join(TARGETS)}")

    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    texts, labels = corpus_texts()
    print(
        f"corpus: {len(texts):,} short texts (<= {MAX_POST_CHARS} chars) from {', '.join(SOURCES)}"
    )
    ratios: dict[str, float] = {}
    for case in cases:
        distinct = case == "distinct"
        data = work / f"posts_{args.rows}{'_distinct' if distinct else ''}.csv"
        build_file(data, args.rows, texts, distinct=distinct)
        mb = data.stat().st_size / 2**20
        print(f"\n[{case}] input: {data} ({args.rows:,} rows, {mb:,.0f} MiB)")
        a = floor(data, work / "floor.csv")
        print(
            f"(a) floor  read_csv + regex tokens + to_csv : {a:8.1f} s  {args.rows / a:>10,.0f} rows/s"
        )
        b, peak_b, summary = run_score(data, work / "scored.csv", args)
        print(
            f"(b) hoaxguard score (jobs={args.jobs})          : {b:8.1f} s  {args.rows / b:>10,.0f} rows/s"
            f"  (peak RSS {peak_b:,.0f} MiB; flagged {summary['rows_flagged']:,}, "
            f"matched {summary['rows_matched']:,}, quarantined {summary['rows_quarantined']:,})"
        )
        if not args.skip_naive:
            n = args.naive_rows or args.rows
            c = naive(data, work / "naive.csv", texts, labels, n)
            note = ""
            if n < args.rows:
                c = c * args.rows / n
                note = f"  (extrapolated from {n:,} rows)"
            print(
                f"(c) naive apply(stem) + TF-IDF + LR       : {c:8.1f} s  {args.rows / c:>10,.0f} rows/s{note}"
            )
            print(f"ratio b/c = {b / c:.2f}  (< 1: hoaxguard faster than the naive pipeline)")
        ratios[case] = b / a
        print(f"[{case}] ratio b/a = {b / a:.2f}  (target <= {TARGETS[case]:g})")
    if len(ratios) > 1:
        print("\nsummary: " + "; ".join(
            f"{case} {r:.2f}x the floor (target <= {TARGETS[case]:g})" for case, r in ratios.items()
        ))
    if args.rss_rows:
        big = work / f"posts_{args.rss_rows}.csv"
        build_file(big, args.rss_rows, texts, seed=1)
        secs, peak, summary = run_score(big, work / "scored_big.csv", args)
        print(
            f"peak RSS scoring {args.rss_rows:,} rows: {peak:,.0f} MiB (target <= 1024), "
            f"{secs:.0f} s, {args.rss_rows / secs:,.0f} rows/s, balanced={summary['balanced']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
