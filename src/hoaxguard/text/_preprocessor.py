"""scikit-learn transformer for the Indonesian pipeline, and function shortcuts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from sklearn.base import BaseEstimator, TransformerMixin

from hoaxguard.text._engine import PipelineConfig, TextEngine

OUTPUTS = ("string", "tokens")


class TextPreprocessor(TransformerMixin, BaseEstimator):
    """Indonesian social-media text normalisation, stopwords and cached stemming.

    Steps, in order: HTML entities and tags; Unicode NFKC and removal of
    invisible characters; URLs, e-mails, @mentions and phone numbers to
    placeholder tokens (``xxurl``, ``xxemail``, ``xxmention``, ``xxphone``);
    hashtags split into words (``#StopHoax`` -> ``stop hoax``); emoji to a word,
    a placeholder or nothing; style signals (``xxexclaim``, ``xxshout``,
    ``xxshare``); lowercasing and tokenising; then per token: laughter
    (``wkwkwk`` -> ``wkwk``), reduplication (``anak2`` -> ``anak anak``),
    leetspeak (``s4y4`` -> ``saya``), elongation (``bangeeet`` -> ``banget``),
    slang (``gak`` -> ``tidak``), stopwords (negations always kept) and
    Sastrawi stemming with an exception list. Token results are cached.

    Parameters
    ----------
    stem : bool, default True
        Stem words with Sastrawi (through the cache and exception list).
    remove_stopwords : bool, default True
        Drop stopwords. Negations (tidak, bukan, belum, jangan, gak, ...) are never dropped.
    stopwords : iterable of str, optional
        Stopword list to use instead of the bundled one.
    slang : bool, default True
        Map slang to standard Indonesian with the bundled lexicon.
    slang_dict : mapping, optional
        Extra ``slang -> standard`` entries, applied on top of the bundled lexicon.
    emoji : {"word", "placeholder", "remove"}, default "word"
        Emoji become an Indonesian word (``😡`` -> ``marah``), ``xxemoji``, or nothing.
    style_signals : bool, default True
        Add ``xxexclaim`` (``!!``), ``xxshout`` (mostly capitals) and ``xxshare``
        (calls to spread the message) tokens.
    split_hashtags : bool, default True
        Split hashtags into words; otherwise only ``#`` is dropped.
    stem_exceptions : mapping, optional
        Extra ``word -> stem`` overrides for words Sastrawi gets wrong.
    output : {"string", "tokens"}, default "string"
        ``transform`` returns space-joined strings or lists of tokens.

    Examples
    --------
    >>> tp = TextPreprocessor()
    >>> tp.transform(["Pemerintah bagi2 BLT gratisss!! Sebarkan ke grup WA 😡"])
    ['pemerintah bagi bagi blt gratis marah xxexclaim xxshare']
    """

    def __init__(
        self,
        stem: bool = True,
        remove_stopwords: bool = True,
        stopwords: Iterable[str] | None = None,
        slang: bool = True,
        slang_dict: Mapping[str, str] | None = None,
        emoji: str = "word",
        style_signals: bool = True,
        split_hashtags: bool = True,
        stem_exceptions: Mapping[str, str] | None = None,
        output: str = "string",
    ) -> None:
        self.stem = stem
        self.remove_stopwords = remove_stopwords
        self.stopwords = stopwords
        self.slang = slang
        self.slang_dict = slang_dict
        self.emoji = emoji
        self.style_signals = style_signals
        self.split_hashtags = split_hashtags
        self.stem_exceptions = stem_exceptions
        self.output = output

    # -- engine (built lazily, never pickled) --------------------------------
    def _config(self) -> PipelineConfig:
        return PipelineConfig(
            stem=self.stem,
            remove_stopwords=self.remove_stopwords,
            stopwords=None if self.stopwords is None else frozenset(self.stopwords),
            slang=self.slang,
            slang_dict=self.slang_dict,
            emoji=self.emoji,
            style_signals=self.style_signals,
            split_hashtags=self.split_hashtags,
            stem_exceptions=self.stem_exceptions,
        )

    @property
    def engine(self) -> TextEngine:
        """The pipeline engine for the current parameters (rebuilt when they change)."""
        config = self._config()
        engine = self.__dict__.get("_engine")
        if engine is None or engine.config != config:
            engine = TextEngine(config)
            self.__dict__["_engine"] = engine
        return engine

    def __getstate__(self) -> dict[str, Any]:
        state = dict(super().__getstate__())  # a copy: never mutate the live __dict__
        state.pop("_engine", None)
        return state

    # -- scikit-learn API ---------------------------------------------------
    def fit(self, X: Iterable[Any] | None = None, y: Any = None) -> TextPreprocessor:
        """Validate the parameters; the pipeline learns nothing from data.

        Returns
        -------
        self
        """
        if self.output not in OUTPUTS:
            raise ValueError(f"output must be one of {OUTPUTS}, got {self.output!r}")
        self.engine  # noqa: B018  (builds and validates the configuration)
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[Any]) -> list[str] | list[list[str]]:
        """Preprocess documents.

        Parameters
        ----------
        X : iterable of str
            Documents (a list, array or pandas Series). None and NaN become empty text.

        Returns
        -------
        list of str, or list of list of str when ``output="tokens"``.
        """
        if isinstance(X, str):
            raise TypeError("X must be an iterable of documents, not a single string; wrap it in a list")
        if self.output not in OUTPUTS:
            raise ValueError(f"output must be one of {OUTPUTS}, got {self.output!r}")
        engine = self.engine
        if self.output == "tokens":
            return [engine.tokens(doc) for doc in X]
        return [engine.text(doc) for doc in X]

    def process(self, text: Any) -> list[str]:
        """Tokens of one document."""
        return self.engine.tokens(text)

    def build_analyzer(self) -> _Analyzer:
        """A picklable callable ``str -> list[str]`` for ``TfidfVectorizer(analyzer=...)``."""
        return _Analyzer(self)

    def get_feature_names_out(self, input_features: Any = None) -> Any:
        """Name of the single text output column."""
        import numpy as np

        return np.asarray(["text"], dtype=object)

    def __sklearn_tags__(self):  # noqa: D105
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = False
        return tags


class _Analyzer:
    """Callable wrapper around :meth:`TextPreprocessor.process` (picklable)."""

    def __init__(self, preprocessor: TextPreprocessor) -> None:
        self.preprocessor = preprocessor

    def __call__(self, doc: Any) -> list[str]:
        return self.preprocessor.engine.tokens(doc)


@lru_cache(maxsize=4)
def _shared_engine(stem: bool, remove_stopwords: bool) -> TextEngine:
    return TextEngine(PipelineConfig(stem=stem, remove_stopwords=remove_stopwords))


def preprocess(text: Any, stem: bool = True, remove_stopwords: bool = True) -> str:
    """Full pipeline on one text with default options; returns space-joined tokens.

    >>> preprocess("Gak bener nih, anak2 jgn percaya hoaxxx!!")
    'tidak benar anak anak jangan percaya hoaks xxexclaim'
    """
    return _shared_engine(stem, remove_stopwords).text(text)


def normalize(text: Any) -> str:
    """Normalised text: cleaned, lowercased, slang standardised; no stopwords removed, no stems.

    >>> normalize("Mantaaap bangeeet, s4y4 sk #InfoBanjir @pemkab")
    'mantap banget saya suka info banjir xxmention'
    """
    return _shared_engine(False, False).surface_text(text)


def tokenize(text: Any) -> list[str]:
    """Tokens of the normalised text (see :func:`normalize`)."""
    return _shared_engine(False, False).surface_tokens(text)
