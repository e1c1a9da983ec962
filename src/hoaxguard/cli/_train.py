"""``hoaxguard train DATA... -o MODEL``: fit a HoaxDetector and save it."""

from __future__ import annotations

import argparse
import time

from hoaxguard.cli import CLIError


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments shared by ``train`` and ``evaluate`` to read labelled data."""
    parser.add_argument("data", nargs="+", metavar="DATA",
                        help="CSV/TSV/Parquet/Excel/JSONL files, or a corpus directory in the "
                             "uniform schema (e.g. ../shared/corpus)")
    parser.add_argument("--text-col", default="text", help="text column (default: text)")
    parser.add_argument("--label-col", default="label", help="label column (default: label)")
    parser.add_argument("--positive-label", action="append", default=None, metavar="VALUE",
                        help="label value meaning hoax (repeatable); default: recognise "
                             "hoax/1/true vs valid/0/false")
    parser.add_argument("--date-col", default=None,
                        help="date column (kept as `date`, for time-based evaluation)")
    parser.add_argument("--exclude-kinds", nargs="*", default=[], metavar="KIND",
                        help="drop rows of these `kind` values (corpus schema) from training")


def read_data(args: argparse.Namespace):  # noqa: ANN201
    """Load the DATA arguments into a DataFrame with ``text`` and ``y``."""
    import sys
    import warnings

    from hoaxguard.datasets import DataError, load_training_data

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            df = load_training_data(args.data, text_col=args.text_col, label_col=args.label_col,
                                    positive_label=args.positive_label, date_col=args.date_col)
        except DataError as exc:
            raise CLIError(str(exc)) from None
    for w in caught:
        print(f"hoaxguard {args.command}: warning: {w.message}", file=sys.stderr)
    if len(df) == 0:
        raise CLIError("no rows in DATA")
    return df


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``train``."""
    p = subparsers.add_parser(
        "train", help="train a hoax detector on labelled data",
        description="Train a HoaxDetector on labelled texts and save it (skops format).")
    add_data_arguments(p)
    p.add_argument("-o", "--output", required=True, metavar="MODEL", help="model file to write")
    p.add_argument("--C", type=float, default=None, help="inverse regularisation strength")
    p.add_argument("--word-ngrams", type=int, nargs=2, default=None, metavar=("MIN", "MAX"))
    p.add_argument("--char-ngrams", type=int, nargs=2, default=None, metavar=("MIN", "MAX"),
                   help="add character n-grams within words")
    p.add_argument("--no-stem", action="store_true", help="do not stem words")
    p.add_argument("--no-strip-markers", action="store_true",
                   help="keep outlet names, datelines and fact-checker markup")
    p.add_argument("--max-fpr", type=float, default=0.05,
                   help="target false-positive rate of the automatic threshold (default 0.05)")
    p.add_argument("--threshold", type=float, default=None,
                   help="fixed decision threshold on the hoax probability")
    p.add_argument("--recipe", choices=("default",), default=None,
                   help="train with the bundled model's recipe (its row selection and "
                        "parameters; the model options above are ignored)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Train and save."""
    from hoaxguard.detect import HoaxDetector
    from hoaxguard.persist import save_model

    df = read_data(args)
    if args.recipe == "default":
        return _train_recipe(df, args.output, args.data)
    if args.exclude_kinds:
        if "kind" not in df:
            raise CLIError("--exclude-kinds needs a `kind` column")
        df = df[~df["kind"].isin(args.exclude_kinds)]
    params: dict[str, object] = {"max_fpr": args.max_fpr, "threshold": args.threshold,
                                 "strip_markers": not args.no_strip_markers}
    if args.C is not None:
        params["C"] = args.C
    if args.word_ngrams is not None:
        params["word_ngrams"] = tuple(args.word_ngrams)
    if args.char_ngrams is not None:
        params["char_ngrams"] = tuple(args.char_ngrams)
    if args.no_stem:
        params["stem"] = False
    n_hoax = int(df["y"].sum())
    if n_hoax == 0 or n_hoax == len(df):
        raise CLIError("training data must contain both hoax and valid rows")
    print(f"training on {len(df)} rows ({n_hoax} hoax, {len(df) - n_hoax} valid) ...")
    t0 = time.perf_counter()
    model = HoaxDetector(**params).fit(df["text"].tolist(), df["y"].to_numpy())
    record_training_rows(model, df["text"])
    path = save_model(model, args.output)
    print(f"saved {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.0f} s; "
          f"threshold {model.threshold_:.3f} (target FPR {args.max_fpr:.0%})")
    return 0


def _train_recipe(df, output: str, data: list[str]) -> int:  # noqa: ANN001
    """Train with :data:`hoaxguard.detect.train_default.RECIPE` (the bundled model's recipe).

    A corpus directory also gives the fact-check explanations the recipe trains on; the
    hoax claims' titles join as the recipe adds them.
    """
    from hoaxguard.detect.train_default import (
        fit_recipe,
        recipe_rows,
        with_recipe_extras,
    )
    from hoaxguard.persist import save_model

    if "dataset" not in df or "kind" not in df:
        raise CLIError("--recipe default needs data in the corpus schema (dataset, kind, date)")
    df = with_recipe_extras(df, data)
    rows = recipe_rows(df)
    print(f"training the default recipe on {len(rows)} rows ({int(rows['y'].sum())} hoax) ...")
    t0 = time.perf_counter()
    model = fit_recipe(df)
    record_training_rows(model, rows["text"])
    path = save_model(model, output)
    print(f"saved {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.0f} s; "
          f"threshold {model.threshold_:.3f}")
    return 0


def row_hashes(texts) -> object:  # noqa: ANN001
    """64-bit hash of each whitespace-normalised text (array of uint64, one per text)."""
    import hashlib

    import numpy as np

    return np.array(
        [
            int.from_bytes(
                hashlib.blake2b(" ".join(str(t).split()).encode("utf-8"), digest_size=8).digest(),
                "little",
            )
            for t in texts
        ],
        dtype=np.uint64,
    )


def text_hashes(texts) -> object:  # noqa: ANN001
    """Sorted unique :func:`row_hashes` of ``texts`` (a training fingerprint)."""
    import numpy as np

    return np.unique(row_hashes(texts))


def record_training_rows(model: object, texts) -> None:  # noqa: ANN001
    """Store hashes of the training texts on ``model`` so ``evaluate`` can warn about overlap."""
    model.train_text_hashes_ = text_hashes(texts)  # type: ignore[attr-defined]
