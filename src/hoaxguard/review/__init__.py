"""Review and learn: the admin's worklist, decisions back in, local adaptation.

>>> from hoaxguard.review import build_worklist, learn_from_decisions   # doctest: +SKIP
>>> worklist = build_worklist(scored)                                   # doctest: +SKIP
>>> result = learn_from_decisions(filled_worklist)                      # doctest: +SKIP
>>> hoaxguard.score_frame(posts, model=result.model, library=result.library)  # doctest: +SKIP
"""

from hoaxguard.review._adapt import LOCAL_TERM_SUFFIX, LocalAdaptedDetector
from hoaxguard.review._io import read_table
from hoaxguard.review._labels import HOAX_WORDS, UNSURE_WORDS, VALID_WORDS, label_kind, parse_labels
from hoaxguard.review._learn import (
    DecisionError,
    LearnResult,
    learn_from_decisions,
    prepare_decisions,
)
from hoaxguard.review._templates import (
    LocalTemplateLibrary,
    adapt_templates,
    load_templates,
    save_templates,
)
from hoaxguard.review._worklist import DECISION_COLUMNS, PRIORITIES, build_worklist

__all__ = [
    "DECISION_COLUMNS",
    "HOAX_WORDS",
    "LOCAL_TERM_SUFFIX",
    "PRIORITIES",
    "UNSURE_WORDS",
    "VALID_WORDS",
    "DecisionError",
    "LearnResult",
    "LocalAdaptedDetector",
    "LocalTemplateLibrary",
    "adapt_templates",
    "build_worklist",
    "label_kind",
    "learn_from_decisions",
    "load_templates",
    "parse_labels",
    "prepare_decisions",
    "read_table",
    "save_templates",
]
