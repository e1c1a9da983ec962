"""Indonesian social-media text pipeline: normalisation, stopwords, cached stemming.

Engines with the same settings share one stemmer and one token cache per process;
:mod:`hoaxguard.text._ngrams` counts word and character n-grams for the detector
and the matcher (exactly what scikit-learn's ``TfidfVectorizer.transform`` gives).
"""

from hoaxguard.text._engine import PLACEHOLDERS, PipelineConfig, TextEngine, coerce_text
from hoaxguard.text._preprocessor import TextPreprocessor, normalize, preprocess, tokenize
from hoaxguard.text._resources import NEGATIONS, SHARE_CALLS
from hoaxguard.text._social import replace_emoji, replace_entities, replace_hashtags, split_hashtag
from hoaxguard.text._stemmer import CachedStemmer
from hoaxguard.text._terms import STYLE_LABELS, readable_terms
from hoaxguard.text._tokens import (
    decode_leetspeak,
    is_leetspeak,
    normalize_laughter,
    split_reduplication,
    squeeze_elongation,
)
from hoaxguard.text._unicode import clean_unicode, unescape_html

__all__ = [
    "NEGATIONS",
    "PLACEHOLDERS",
    "SHARE_CALLS",
    "STYLE_LABELS",
    "CachedStemmer",
    "PipelineConfig",
    "TextEngine",
    "TextPreprocessor",
    "clean_unicode",
    "coerce_text",
    "decode_leetspeak",
    "is_leetspeak",
    "normalize",
    "normalize_laughter",
    "preprocess",
    "readable_terms",
    "replace_emoji",
    "replace_entities",
    "replace_hashtags",
    "split_hashtag",
    "split_reduplication",
    "squeeze_elongation",
    "tokenize",
    "unescape_html",
]
