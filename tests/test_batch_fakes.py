"""Small stand-ins for the detector and the template library used by the batch tests.

They implement exactly the interfaces batch scoring relies on
(``detector.score``/``threshold_`` and ``library.match``/``get``), are
deterministic, picklable (module level) and fast. Other batch test modules
import them from here.
"""

from __future__ import annotations

import os
import re
import time

import numpy as np
import pandas as pd

HOAX_WORDS = ("sebarkan", "viralkan", "chip", "bahaya", "darurat", "gratis")


class FakeDetector:
    """Probability = share of alarm words; flags at ``threshold_``."""

    def __init__(self, threshold: float = 0.5, delay: float = 0.0, fail_on: str | None = None):
        self.threshold_ = threshold
        self.delay = delay
        self.fail_on = fail_on

    def set_threshold(self, t: float) -> FakeDetector:
        self.threshold_ = t
        return self

    def score(self, texts: pd.Series, top_k: int = 5) -> pd.DataFrame:
        if self.delay:
            time.sleep(self.delay)
        texts = pd.Series(texts)
        probs, terms = [], []
        for text in texts:
            if self.fail_on is not None and self.fail_on in text:
                raise RuntimeError("boom")
            words = re.findall(r"[a-z0-9]+", str(text).lower())
            hits = [w for w in words if w in HOAX_WORDS]
            probs.append(round(min(1.0, 0.1 + 0.3 * len(hits)), 6))
            terms.append(" ".join(dict.fromkeys(hits).keys()) if hits else "")
        prob = np.asarray(probs, dtype=float)
        return pd.DataFrame(
            {"hoax_probability": prob, "is_hoax": prob > self.threshold_, "top_terms": terms},
            index=texts.index,
        )


class FakeTemplate:
    def __init__(self, id: str, verdict: str, words: tuple[str, ...], fact: str) -> None:
        self.id = id
        self.verdict = verdict
        self.words = words
        self.fact = fact


TEMPLATES = (
    FakeTemplate("vaksin-chip", "SALAH", ("vaksin", "chip"), "Vaksin tidak berisi chip."),
    FakeTemplate("bansos-cair", "BENAR", ("bansos", "cair"), "Bansos memang cair bulan ini."),
    FakeTemplate("banjir-bendungan", "HOAKS", ("bendungan", "jebol"), "Bendungan aman."),
)


class FakeLibrary:
    """Matches when every keyword of a template occurs in the text."""

    def __init__(self) -> None:
        self.templates = {t.id: t for t in TEMPLATES}

    def get(self, template_id: str) -> FakeTemplate:
        return self.templates[template_id]

    def match(self, texts: pd.Series, k: int = 3) -> pd.DataFrame:
        texts = pd.Series(texts)
        rows = []
        for text in texts:
            words = set(re.findall(r"[a-z0-9]+", str(text).lower()))
            scored = sorted(
                ((sum(w in words for w in t.words) / len(t.words), t.id) for t in TEMPLATES),
                key=lambda x: (-x[0], x[1]),
            )
            best, tid = scored[0]
            ok = best >= 1.0
            rows.append(
                {
                    "match_id": tid if ok else None,
                    "match_score": float(best),
                    "is_match": ok,
                    "match_verdict": self.templates[tid].verdict if ok else None,
                    "candidates": [t for _, t in scored[:k]],
                }
            )
        return pd.DataFrame(rows, index=texts.index)


def fake_render(template: FakeTemplate, platform: str, **context: object) -> str:
    """Deterministic reply text."""
    who = context.get("office", "Diskominfo")
    return f"[{platform}] {template.verdict}: {template.fact} ({who})"


class SlowDetector(FakeDetector):
    """Sleeps per batch, and writes a marker file once it started (for kill tests)."""

    def __init__(self, delay: float, marker: str) -> None:
        super().__init__(delay=delay)
        self.marker = marker

    def score(self, texts, top_k=5):
        with open(self.marker, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        return super().score(texts, top_k)


def test_fakes_follow_the_interfaces():
    texts = pd.Series(["Sebarkan! vaksin berisi chip", "bansos cair hari ini"], index=[5, 9])
    det = FakeDetector().score(texts)
    assert list(det.columns) == ["hoax_probability", "is_hoax", "top_terms"]
    assert list(det.index) == [5, 9]
    m = FakeLibrary().match(texts)
    assert list(m.index) == [5, 9]
    assert m["match_id"].tolist() == ["vaksin-chip", "bansos-cair"]
