"""Honest evaluation: held-out-source protocol, time split, near-duplicate removal, user-facing metrics, audits."""

from hoaxguard.evaluate._audit import PLACEHOLDER_TOKENS, source_artifact_audit
from hoaxguard.evaluate._dedup import dedup_key, near_duplicate_mask, remove_near_duplicates
from hoaxguard.evaluate._matching import (
    baseline_matcher,
    evaluate_bundled_matching,
    evaluate_factcheck_matching,
    factcheck_templates,
    matching_metrics,
)
from hoaxguard.evaluate._metrics import (
    group_breakdown,
    pr_auc_at_prevalence,
    prevalence_weights,
    recall_at_fpr,
    reliability_table,
    summary_metrics,
    threshold_at_fpr,
)
from hoaxguard.evaluate._protocol import (
    DEBUNK_PATTERN,
    HOLDOUT_CUTOFF,
    NEGATIVE_GROUPS,
    HeldoutSourceReport,
    WordCharBaseline,
    heldout_baselines,
    heldout_source_evaluation,
    heldout_source_split,
)
from hoaxguard.evaluate._report import (
    ORDINARY_KINDS,
    EvaluationReport,
    baseline_model,
    evaluate_model,
    time_split_evaluation,
)
from hoaxguard.evaluate._split import DEFAULT_CUTOFF, time_split

__all__ = [
    "DEBUNK_PATTERN",
    "DEFAULT_CUTOFF",
    "HOLDOUT_CUTOFF",
    "NEGATIVE_GROUPS",
    "HeldoutSourceReport",
    "WordCharBaseline",
    "heldout_baselines",
    "heldout_source_evaluation",
    "heldout_source_split",
    "ORDINARY_KINDS",
    "PLACEHOLDER_TOKENS",
    "EvaluationReport",
    "baseline_matcher",
    "baseline_model",
    "dedup_key",
    "evaluate_bundled_matching",
    "evaluate_factcheck_matching",
    "evaluate_model",
    "factcheck_templates",
    "group_breakdown",
    "matching_metrics",
    "near_duplicate_mask",
    "pr_auc_at_prevalence",
    "prevalence_weights",
    "recall_at_fpr",
    "reliability_table",
    "remove_near_duplicates",
    "source_artifact_audit",
    "summary_metrics",
    "threshold_at_fpr",
    "time_split",
    "time_split_evaluation",
]
