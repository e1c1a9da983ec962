"""Hoax detection: a calibrated, explainable linear classifier on Indonesian text."""

from hoaxguard.detect._detector import HoaxDetector
from hoaxguard.detect._markers import (
    ARTIFACT_TERMS,
    FACTCHECK_TERMS,
    OUTLET_TERMS,
    is_artifact_term,
    strip_source_markers,
)
from hoaxguard.detect._threshold import threshold_for_fpr

__all__ = [
    "ARTIFACT_TERMS",
    "FACTCHECK_TERMS",
    "HoaxDetector",
    "OUTLET_TERMS",
    "is_artifact_term",
    "strip_source_markers",
    "threshold_for_fpr",
]
