"""``hoaxguard evaluate MODEL DATA...``: metrics report for a model."""

from __future__ import annotations

import argparse
import json

from hoaxguard.cli import CLIError
from hoaxguard.cli._train import add_data_arguments, read_data, row_hashes


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``evaluate``."""
    p = subparsers.add_parser(
        "evaluate", help="evaluate a hoax detector on labelled data",
        description=(
            "Score labelled data with MODEL ('default' = the bundled model) and print recall "
            "at 1%/5% false-positive rate, PR-AUC at a realistic prevalence, ROC-AUC, "
            "calibration, per-kind/per-dataset breakdowns and a source-artifact audit. "
            "--protocol heldout-source retrains a copy of MODEL's settings per held-out "
            "negative source (hoaxes split by time: train < 2024, test 2024; each ordinary-post, "
            "news, SMS and article dataset held out whole) next to two plain baselines "
            "(TF-IDF word 1-2 + LogisticRegression, and the same + char_wb 2-5); MODEL "
            "'default' uses the bundled recipe (its rows, weights and groups). --protocol time "
            "retrains on older rows and tests on newer ones (sources seen in training)."))
    p.add_argument("model", metavar="MODEL", help="model file, or 'default'")
    add_data_arguments(p)
    p.add_argument("--protocol", choices=("none", "heldout-source", "time"), default="none",
                   help="none: score DATA with MODEL as is (default); heldout-source: the "
                        "office-like protocol (unseen sources and months); time: the time split")
    p.add_argument("--time-split", action="store_true",
                   help="same as --protocol time")
    p.add_argument("--max-rows-per-group", type=int, default=None, metavar="N",
                   help="heldout-source: quick documented subset (at most N rows per group)")
    p.add_argument("--cutoff", default="2020-01-01",
                   help="time split: first test date (default 2020-01-01)")
    p.add_argument("--holdout-cutoff", default="2024-01-01",
                   help="heldout-source: first date of the test hoaxes (default 2024-01-01; "
                        "2024-08-01 gives the adjacent-period view)")
    p.add_argument("--undated", choices=("random", "train", "test", "drop"), default="random",
                   help="where undated rows go in --time-split (default: 20%% to test by id hash)")
    p.add_argument("--prevalence", type=float, default=0.07,
                   help="hoax share for re-weighted PR-AUC/Brier (default 0.07)")
    p.add_argument("--no-baseline", action="store_true", help="skip the baselines (protocols)")
    p.add_argument("--json", metavar="PATH", default=None, help="also write the figures as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Evaluate and print the report."""
    from hoaxguard.evaluate import evaluate_model, time_split_evaluation
    from hoaxguard.persist import ModelLoadError, load_model

    try:
        model = load_model(None if args.model == "default" else args.model)
    except ModelLoadError as exc:
        raise CLIError(str(exc)) from exc
    protocol = "time" if args.time_split else args.protocol
    _check_text_classifier(model, args.model, fitted=protocol == "none")
    df = read_data(args)
    warn_training_overlap(model, args.model, df, time_split=protocol != "none")
    if protocol == "heldout-source":
        report = _heldout(args, model, df)
    elif protocol == "time":
        if "date" not in df:
            raise CLIError("--time-split needs dates (a corpus directory or --date-col)")
        exclude = set(args.exclude_kinds)

        def train_filter(frame):  # noqa: ANN001, ANN202
            return frame[~frame["kind"].isin(exclude)] if exclude and "kind" in frame else frame

        report = time_split_evaluation(df, model, cutoff=args.cutoff, undated=args.undated,
                                       prevalence=args.prevalence, baseline=not args.no_baseline,
                                       train_filter=train_filter)
    else:
        report = evaluate_model(model, df, prevalence=args.prevalence)
    print(report)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(report.to_dict(), fh, indent=2, default=str)
    return 0


def _heldout(args: argparse.Namespace, model: object, df):  # noqa: ANN001, ANN202
    """Run the held-out-source protocol (the recipe's rows/weights for the default model)."""
    from hoaxguard.evaluate import heldout_source_evaluation

    if "dataset" not in df or "date" not in df:
        raise CLIError("--protocol heldout-source needs the corpus schema (dataset, date, kind)")
    kwargs: dict[str, object] = {}
    if args.model == "default":
        from hoaxguard.detect import train_default as td

        kwargs = {"train_rows": td.recipe_rows, "sample_weight": td.recipe_weights,
                  "fit_groups": td.recipe_groups}
        corpus_dirs: list[str] = []
        if len(args.data) == 1:
            from pathlib import Path

            if Path(args.data[0]).is_dir():
                kwargs["extra_negatives"] = td.debunk_sets(args.data[0])
                corpus_dirs = [args.data[0]]
        df = td.with_recipe_extras(df, corpus_dirs)  # the rows the recipe adds, as it trains
    exclude = set(args.exclude_kinds)
    if exclude and "train_rows" not in kwargs:
        kwargs["train_rows"] = lambda frame: frame[~frame["kind"].isin(exclude)]
    return heldout_source_evaluation(df, model, prevalence=args.prevalence,
                                     cutoff=args.holdout_cutoff,
                                     baselines=not args.no_baseline,
                                     max_rows_per_group=args.max_rows_per_group, **kwargs)


def _check_text_classifier(model: object, name: str, *, fitted: bool) -> None:
    """Refuse, in one line, a model file that holds something that cannot score texts.

    A valid model file may hold any allowed object (a string, a numeric
    estimator ...); evaluating it would otherwise end in a traceback.
    """
    if not callable(getattr(model, "predict_proba", None)) or not callable(
        getattr(model, "fit", None)
    ):
        raise CLIError(f"{name}: holds a {type(model).__name__}, not a text classifier "
                       "(needs fit and predict_proba)")
    if fitted:
        try:
            model.predict_proba(["uji"])  # type: ignore[attr-defined]
        except Exception as exc:  # noqa: BLE001 - any failure means it cannot score texts
            first = (str(exc).strip().splitlines() or [""])[0]
            raise CLIError(f"{name}: the model cannot score texts: "
                           f"{type(exc).__name__}: {first}") from None


def warn_training_overlap(model: object, name: str, df, *, time_split: bool) -> None:  # noqa: ANN001
    """Warn (stderr) when DATA holds the model's own training rows, or say it cannot tell."""
    import sys

    import numpy as np

    if time_split:
        return  # the model is retrained on the older rows: its own training rows do not count
    known = getattr(model, "train_text_hashes_", None)
    if isinstance(known, np.ndarray) and known.size:
        n = int(np.isin(row_hashes(df["text"].tolist()), known).sum())
        if n:
            print(f"hoaxguard evaluate: warning: {n:,} of {len(df):,} rows ({n / len(df):.0%}) "
                  f"were used to train {name}; figures on them are optimistic (in-sample). "
                  "Evaluate on rows the model has not seen, or use --time-split",
                  file=sys.stderr)
        return
    if name == "default":
        print("hoaxguard evaluate: note: the bundled model was trained on the shared corpus "
              "(`hoaxguard train --recipe default`); evaluated on that corpus the figures are "
              "in-sample: use --time-split for honest ones", file=sys.stderr)
    else:
        print(f"hoaxguard evaluate: note: {name} records no fingerprint of its training rows, "
              "so overlap with DATA cannot be checked (models saved by `hoaxguard train` do)",
              file=sys.stderr)
