"""TextPreprocessor follows scikit-learn's conventions."""

from __future__ import annotations

import pickle
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import joblib
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline

from hoaxguard.text import TextPreprocessor

DOCS = [
    "Waspada!! Link pendaftaran bansos palsu beredar, jangan diklik",
    "Selamat pagi warga, jalan desa sudah diperbaiki minggu ini",
    "SEGERA daftar BLT 600rb lewat bit.ly/blt-resmi sebarkan!!",
    "Terima kasih pak camat atas bantuannya untuk korban banjir",
    "Hadiah undian bank, hubungi 0812-9999-0000 untuk klaim",
    "Posyandu buka hari Sabtu di balai desa, ajak anak2 ya",
] * 3
LABELS = [1, 0, 1, 0, 1, 0] * 3


def test_get_and_set_params_round_trip():
    tp = TextPreprocessor(stem=False, emoji="placeholder")
    params = tp.get_params()
    assert params["stem"] is False and params["emoji"] == "placeholder"
    tp.set_params(stem=True)
    assert tp.get_params()["stem"] is True


def test_set_params_rebuilds_the_engine():
    tp = TextPreprocessor(stem=False, remove_stopwords=False)
    assert tp.transform(["memakan"]) == ["memakan"]
    tp.set_params(stem=True)
    assert tp.transform(["memakan"]) == ["makan"]


def test_clone_gives_equal_params_and_same_output():
    tp = TextPreprocessor(emoji="remove", slang_dict={"mantul": "mantap"})
    cloned = clone(tp)
    assert cloned.get_params() == tp.get_params()
    assert cloned.fit_transform(DOCS) == tp.fit_transform(DOCS)


def test_output_tokens():
    out = TextPreprocessor(output="tokens").fit_transform(DOCS[:2])
    assert isinstance(out, list) and all(isinstance(t, list) for t in out)


def test_invalid_output_is_rejected():
    with pytest.raises(ValueError, match="output"):
        TextPreprocessor(output="array").fit(DOCS)


def test_single_string_is_rejected_with_a_clear_message():
    with pytest.raises(TypeError, match="single string"):
        TextPreprocessor().transform("satu teks saja")


def test_accepts_series_array_and_generator():
    expected = TextPreprocessor().fit_transform(DOCS)
    assert TextPreprocessor().fit_transform(pd.Series(DOCS, index=range(100, 118))) == expected
    assert TextPreprocessor().fit_transform(np.asarray(DOCS, dtype=object)) == expected
    assert TextPreprocessor().fit_transform(d for d in DOCS) == expected


def test_pickle_round_trip_keeps_behaviour_and_drops_caches():
    tp = TextPreprocessor().fit(DOCS)
    before = tp.transform(DOCS)
    blob = pickle.dumps(tp)
    assert len(blob) < 5_000  # the engine and its caches are not pickled
    restored = pickle.loads(blob)
    assert restored.transform(DOCS) == before


def test_joblib_round_trip(tmp_path):
    tp = TextPreprocessor(stem=False).fit(DOCS)
    joblib.dump(tp, tmp_path / "tp.joblib")
    assert joblib.load(tmp_path / "tp.joblib").transform(DOCS) == tp.transform(DOCS)


def test_analyzer_in_tfidf_vectorizer_and_pickle():
    analyzer = TextPreprocessor().build_analyzer()
    vec = TfidfVectorizer(analyzer=analyzer).fit(DOCS)
    assert "bansos" in vec.vocabulary_
    restored = pickle.loads(pickle.dumps(vec))
    assert (restored.transform(DOCS) != vec.transform(DOCS)).nnz == 0


def test_works_in_pipeline_and_grid_search():
    pipe = Pipeline(
        [
            ("prep", TextPreprocessor()),
            ("tfidf", TfidfVectorizer()),
            ("clf", LogisticRegression()),
        ]
    )
    grid = GridSearchCV(pipe, {"prep__stem": [True, False], "prep__emoji": ["word", "remove"]}, cv=3)
    grid.fit(DOCS, LABELS)
    assert set(grid.best_params_) == {"prep__stem", "prep__emoji"}
    assert grid.predict(DOCS).shape == (len(DOCS),)


def _transform_in_worker(tp: TextPreprocessor) -> list[str]:
    return tp.transform(DOCS)


def test_safe_in_threads_and_processes():
    tp = TextPreprocessor()
    expected = clone(tp).fit_transform(DOCS)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: tp.transform(DOCS), range(8)))
    assert all(r == expected for r in results)
    with ProcessPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(_transform_in_worker, [tp, tp])) == [expected, expected]


def test_pickling_does_not_drop_the_live_engine():
    tp = TextPreprocessor().fit(DOCS)
    engine = tp.engine
    pickle.dumps(tp)
    assert tp.engine is engine
