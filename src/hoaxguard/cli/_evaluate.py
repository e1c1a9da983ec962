"""``hoaxguard evaluate MODEL DATA...``: metrics report for a model."""

from __future__ import annotations

import argparse
import json

from hoaxguard.cli import CLIError
from hoaxguard.cli._train import add_data_arguments, read_data


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``evaluate``."""
    p = subparsers.add_parser(
        "evaluate", help="evaluate a hoax detector on labelled data",
        description=(
            "Score labelled data with MODEL ('default' = the bundled model) and print recall "
            "at 1%%/5%% false-positive rate, PR-AUC at a realistic prevalence, ROC-AUC, "
            "calibration, per-kind/per-dataset breakdowns and a source-artifact audit. With "
            "--time-split, a copy of MODEL's settings is retrained on the older rows and "
            "tested on the newer ones (with near-duplicates removed), next to a plain "
            "TF-IDF + LogisticRegression baseline."))
    p.add_argument("model", metavar="MODEL", help="model file, or 'default'")
    add_data_arguments(p)
    p.add_argument("--time-split", action="store_true",
                   help="retrain MODEL's settings on older rows, test on newer rows")
    p.add_argument("--cutoff", default="2020-01-01", help="first test date (default 2020-01-01)")
    p.add_argument("--undated", choices=("random", "train", "test", "drop"), default="random",
                   help="where undated rows go in --time-split (default: 20%% to test by id hash)")
    p.add_argument("--prevalence", type=float, default=0.07,
                   help="hoax share for re-weighted PR-AUC/Brier (default 0.07)")
    p.add_argument("--no-baseline", action="store_true", help="skip the baseline in --time-split")
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
    _check_text_classifier(model, args.model, fitted=not args.time_split)
    df = read_data(args)
    if args.time_split:
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
