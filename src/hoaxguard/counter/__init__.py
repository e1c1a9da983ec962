"""Counter-narratives: template library, claim matcher, platform rendering, ClaimReview.

>>> from hoaxguard.counter import CounterNarrativeLibrary, render
>>> lib = CounterNarrativeLibrary.load()                                   # doctest: +SKIP
>>> hits = lib.match(["Selamat! Rekening anda menang undian, transfer pajak dulu"])  # doctest: +SKIP
>>> render(lib.get(hits.match_id[0]), "whatsapp", agency="Diskominfo")     # doctest: +SKIP
"""

from hoaxguard.counter._claimreview import (
    map_verdict,
    read_claimreview,
    read_factcheck_csv,
    to_claimreview,
    write_claimreview,
)
from hoaxguard.counter._library import (
    CounterNarrativeLibrary,
    bundled_templates_dir,
    validate_templates,
)
from hoaxguard.counter._matcher import DEFAULT_THRESHOLD, TemplateMatcher, calibrated_threshold
from hoaxguard.counter._pipeline import pipeline_name
from hoaxguard.counter._render import quote_post, render, reply_platform, x_length
from hoaxguard.counter._schema import (
    TemplateError,
    TemplateValidationError,
    template_from_dict,
)
from hoaxguard.counter._template import (
    DEBUNKED_VERDICTS,
    PLATFORMS,
    VERDICTS,
    Source,
    Template,
    is_debunked,
)

__all__ = [
    "DEBUNKED_VERDICTS",
    "DEFAULT_THRESHOLD",
    "PLATFORMS",
    "VERDICTS",
    "CounterNarrativeLibrary",
    "Source",
    "Template",
    "TemplateError",
    "TemplateMatcher",
    "TemplateValidationError",
    "bundled_templates_dir",
    "calibrated_threshold",
    "is_debunked",
    "map_verdict",
    "pipeline_name",
    "read_claimreview",
    "quote_post",
    "read_factcheck_csv",
    "render",
    "reply_platform",
    "template_from_dict",
    "to_claimreview",
    "validate_templates",
    "write_claimreview",
    "x_length",
]
