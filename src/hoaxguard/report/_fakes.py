"""A small synthetic scored DataFrame for tests, docs and demos of the report.

The texts are written for this project (no corpus sentences); the scores are
random but consistent (hoax-like narratives score high).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["fake_scored_frame"]

# (narrative text, is hoax, template id, suggested response)
_NARRATIVES = [
    (
        "Air PDAM di kecamatan kita sudah tercampur racun, jangan diminum sampai minggu depan! "
        "Sebarkan ke grup keluarga",
        True,
        "air-pdam-racun",
        "Info ini tidak benar. PDAM menguji air setiap hari dan hasilnya aman. "
        "Cek pengumuman resmi di situs pemerintah kabupaten.",
    ),
    (
        "Bantuan tunai 5 juta untuk semua warga, cukup isi data KTP di link berikut sebelum besok",
        True,
        "bansos-link-palsu",
        "Waspada penipuan. Bantuan sosial tidak pernah meminta data KTP lewat tautan. "
        "Hubungi kantor desa atau Dinsos untuk informasi resmi.",
    ),
    (
        "Besok listrik padam total tiga hari di seluruh kabupaten karena perbaikan gardu induk",
        True,
        "listrik-padam-hoaks",
        "PLN tidak mengumumkan pemadaman tiga hari. Jadwal pemeliharaan resmi diumumkan di "
        "kanal PLN.",
    ),
    (
        "Vaksin campak untuk anak sekolah mengandung zat berbahaya, tolak saja kalau datang petugas",
        True,
        "vaksin-berbahaya",
        "Vaksin campak sudah diuji dan aman. Tanyakan ke puskesmas terdekat bila ragu.",
    ),
    (
        "Jadwal posyandu bulan ini dimulai hari Senin jam delapan pagi di balai desa",
        False,
        None,
        None,
    ),
    (
        "Pasar malam di alun-alun dibuka lagi akhir pekan ini, banyak jajanan enak",
        False,
        None,
        None,
    ),
    (
        "Jalan provinsi menuju pelabuhan sedang diperbaiki, pengendara diminta lewat jalur alternatif",
        False,
        None,
        None,
    ),
]
_EXTRA = ["penting!!", "sebarkan", "info grup sebelah", "cek dulu", "yg", "benar", "gan"]


def _variant(text: str, rng: np.random.Generator) -> str:
    words = text.split()
    op = int(rng.integers(0, 4))
    i = int(rng.integers(0, len(words)))
    if op == 0 and len(words) > 5:
        del words[i]
    elif op == 1:
        words.insert(i, _EXTRA[int(rng.integers(0, len(_EXTRA)))])
    elif op == 2:
        words[i] = words[i].upper()
    return " ".join(words)


def fake_scored_frame(
    n: int = 240, seed: int = 0, labelled: bool = True, days: int = 14
) -> pd.DataFrame:
    """A scored-looking DataFrame with the columns of ``hoaxguard score`` output.

    Parameters
    ----------
    n : int, default 240
        Number of posts.
    seed : int, default 0
        Random seed.
    labelled : bool, default True
        Add a ``label`` column (hoax/valid), so the model-quality section appears.
    days : int, default 14
        Posts are spread over this many days ending 2024-06-30; the first
        narrative grows in the last days.
    """
    rng = np.random.default_rng(seed)
    weights = np.array([5, 3, 2, 1, 3, 2, 2], dtype=float)
    which = rng.choice(len(_NARRATIVES), size=n, p=weights / weights.sum())
    end = pd.Timestamp("2024-06-30 23:00")
    ages = rng.uniform(0, days, size=n)
    ages[which == 0] = rng.uniform(0, 3, size=int((which == 0).sum()))  # recent, growing
    created = (end - pd.to_timedelta(ages, unit="D")).floor("min")
    rows = []
    for k, (w, t) in enumerate(zip(which, created, strict=True)):
        text, hoax, match, response = _NARRATIVES[w]
        body = _variant(text, rng) if rng.random() < 0.6 else text
        prob = float(np.clip(rng.normal(0.82 if hoax else 0.18, 0.15), 0.01, 0.99))
        flagged = prob >= 0.5
        terms = (
            "sebarkan (+0.84); jangan (+0.51); link (+0.33)"
            if hoax
            else "jadwal (-0.40); desa (-0.22)"
        )
        rows.append(
            {
                "post_id": f"p{k:05d}",
                "platform": ["facebook", "whatsapp", "x", "instagram"][int(rng.integers(0, 4))],
                "account": f"akun_{int(rng.integers(0, 25)):02d}",
                "created_at": t.isoformat(),
                "text": body,
                "likes": int(rng.integers(0, 500)),
                "shares": int(rng.integers(0, 200)),
                "url": f"https://example.org/post/{k}",
                "hoax_probability": round(prob, 4),
                "is_hoax": flagged,
                "top_terms": terms,
                "match_id": match if (match and flagged) else "",
                "match_score": round(float(rng.uniform(0.4, 0.9)), 3) if match and flagged else 0.0,
                "response": response if (response and flagged) else "",
                "error": "",
            }
        )
    df = pd.DataFrame(rows)
    if labelled:
        df["label"] = ["hoax" if _NARRATIVES[w][1] else "valid" for w in which]
    return df
