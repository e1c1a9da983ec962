"""How much does retraining the default model move it? ``python benchmarks/model_reproducibility.py``.

Retrains the default recipe (``hoaxguard train CORPUS --recipe default``) under
perturbations that differ from machine to machine and prints, for each, how far
the result is from the reference run in the terms ``compare_models`` uses:
weights, intercept, threshold, probabilities on a fixed corpus sample, flags.

Perturbations (each one a fresh process):

* ``blas-1``: ``OPENBLAS_NUM_THREADS`` / ``OMP_NUM_THREADS`` 1 (the default uses
  every core);
* ``kernel-Prescott``: ``OPENBLAS_CORETYPE`` forcing an old SSE3 BLAS kernel (what a
  different CPU would run);
* ``numpy-x86v2``: ``NPY_DISABLE_CPU_FEATURES=X86_V3``, numpy's SIMD loops without
  AVX2/FMA (sums and dot products round differently, as on another CPU);
* ``shuffle-<seed>``: the training rows in another order (what a different
  file-system or sort order of equal-key rows would give).

The bound in ``tests/test_default_model.py`` is set from these figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

PERTURBATIONS: dict[str, dict[str, str]] = {
    "blas-1": {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"},
    "kernel-Prescott": {"OPENBLAS_CORETYPE": "Prescott"},
    "numpy-x86v2": {"NPY_DISABLE_CPU_FEATURES": "X86_V3"},
}
SHUFFLE_SEEDS = (1, 2)


def _train(corpus: str, out: Path, shuffle: int | None) -> None:
    """Fit the recipe (optionally on shuffled rows) and save it to ``out``."""
    from hoaxguard.detect.train_default import fit_recipe, recipe_corpus
    from hoaxguard.persist import save_model

    df = recipe_corpus(corpus)
    if shuffle is not None:
        df = df.sample(frac=1.0, random_state=shuffle)
    save_model(fit_recipe(df), out)  # rows, weights and groups as `train --recipe default`


def main(argv: list[str] | None = None) -> int:
    from hoaxguard._testing import shared_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = shared_dir(REPO)
    parser.add_argument("--corpus", default=str(shared / "corpus") if shared else None)
    parser.add_argument("--sample", type=int, default=3000, help="texts to compare on")
    parser.add_argument("--json", help="also write the figures here")
    parser.add_argument("--runs", help="comma-separated perturbations to run (default: all)")
    parser.add_argument("--train", help=argparse.SUPPRESS)
    parser.add_argument("--shuffle", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.corpus:
        parser.error("no corpus found; pass --corpus")
    if args.train:
        _train(args.corpus, Path(args.train), args.shuffle)
        return 0

    from hoaxguard._testing import compare_models, sample_texts
    from hoaxguard.persist import load_model

    runs: dict[str, tuple[dict[str, str], int | None]] = {"reference": ({}, None)}
    runs.update({name: (env, None) for name, env in PERTURBATIONS.items()})
    runs.update({f"shuffle-{s}": ({}, s) for s in SHUFFLE_SEEDS})
    if args.runs:
        wanted = {"reference", *args.runs.split(",")}
        runs = {name: run for name, run in runs.items() if name in wanted}
    with tempfile.TemporaryDirectory() as tmp:
        paths = {}
        for name, (env, shuffle) in runs.items():
            path = Path(tmp) / f"{name}.skops"
            cmd = [sys.executable, __file__, "--corpus", args.corpus, "--train", str(path)]
            if shuffle is not None:
                cmd += ["--shuffle", str(shuffle)]
            t0 = time.perf_counter()
            subprocess.run(cmd, env={**os.environ, **env}, check=True)
            print(f"trained {name} in {time.perf_counter() - t0:.0f} s", flush=True)
            paths[name] = path
        texts = sample_texts(args.corpus, args.sample)
        reference = load_model(paths["reference"])
        bundled = load_model()
        rows = {"bundled-vs-reference": compare_models(bundled, reference, texts)}
        for name, path in paths.items():
            if name != "reference":
                rows[name] = compare_models(reference, load_model(path), texts)
    keys = list(next(iter(rows.values())))
    print(f"\n{'run':<22}" + "".join(f"{k:>22}" for k in keys))
    for name, row in rows.items():
        print(f"{name:<22}" + "".join(f"{row[k]:>22.3g}" for k in keys))
    worst = {k: max(r[k] for n, r in rows.items() if n != "bundled-vs-reference") for k in keys}
    print(f"{'worst perturbation':<22}" + "".join(f"{worst[k]:>22.3g}" for k in keys))
    if args.json:
        Path(args.json).write_text(json.dumps({"runs": rows, "worst": worst}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
