"""Counter-narratives: template library, claim matcher, platform rendering, ClaimReview.

>>> from hoaxguard.counter import CounterNarrativeLibrary, render
>>> lib = CounterNarrativeLibrary.load()                                   # doctest: +SKIP
>>> hits = lib.match(["Selamat! Rekening anda menang undian, transfer pajak dulu"])  # doctest: +SKIP
>>> render(lib.get(hits.match_id[0]), "whatsapp", agency="Diskominfo")     # doctest: +SKIP
"""

from hoaxguard.counter._calibration import auto_threshold, bundled_ordinary_texts
from hoaxguard.counter._claimreview import (
    map_verdict,
    read_claimreview,
    read_factcheck_csv,
    to_claimreview,
    write_claimreview,
)
from hoaxguard.counter._feeds import merge_feed, read_rss, read_wordpress_posts
from hoaxguard.counter._library import (
    CounterNarrativeLibrary,
    bundled_templates_dir,
    validate_templates,
)
from hoaxguard.counter._matcher import DEFAULT_THRESHOLD, TemplateMatcher, calibrated_threshold
from hoaxguard.counter._notes import clarification_note, reply_kind
from hoaxguard.counter._pipeline import pipeline_name
from hoaxguard.counter._rejected import LocalTemplateLibrary
from hoaxguard.counter._render import quote_post, render, reply_platform, x_length
from hoaxguard.counter._schema import (
    TemplateError,
    TemplateValidationError,
    template_from_dict,
)
from hoaxguard.counter._stance import STANCES, predict_stance
from hoaxguard.counter._template import (
    DEBUNKED_VERDICTS,
    PLATFORMS,
    VERDICTS,
    Source,
    Template,
    is_debunked,
)

__all__ = [
    "LocalTemplateLibrary",
    "DEBUNKED_VERDICTS",
    "DEFAULT_THRESHOLD",
    "PLATFORMS",
    "STANCES",
    "VERDICTS",
    "CounterNarrativeLibrary",
    "Source",
    "Template",
    "TemplateError",
    "TemplateMatcher",
    "TemplateValidationError",
    "auto_threshold",
    "bundled_ordinary_texts",
    "bundled_templates_dir",
    "calibrated_threshold",
    "clarification_note",
    "is_debunked",
    "map_verdict",
    "merge_feed",
    "pipeline_name",
    "predict_stance",
    "read_claimreview",
    "quote_post",
    "read_factcheck_csv",
    "read_rss",
    "read_wordpress_posts",
    "render",
    "reply_platform",
    "reply_kind",
    "template_from_dict",
    "to_claimreview",
    "validate_templates",
    "write_claimreview",
    "x_length",
]
