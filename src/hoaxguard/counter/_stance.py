"""Stance of a text towards the claim it is about: does it *repeat* it or *deny* it?

The matcher finds the topic (a BMKG bulletin "tidak berpotensi tsunami" is about
the tsunami rumour); the stance tells whether the text spreads the claim or
corrects it. It is read from the **raw text** (lower-cased, words kept; no
stemming and no stopword removal: the pipeline's stopwords drop "ada", and
negation words carry the stance) with weighted cue patterns:

* denial and correction: "tidak benar", "tidak ada", "tidak pernah", "bukan",
  "membantah", "hoaks" (when not itself negated: "bukan hoaks" repeats),
  "klarifikasi", "meluruskan", "jangan percaya", "jangan sebarkan",
  "waspada modus", "tidak dipungut biaya", "tidak berpotensi" ...;
* official attribution with a reporting verb: BMKG, Polres, Dinkes, Pertamina,
  Diskominfo, KPU, OJK ... with "menegaskan", "memastikan", "menyatakan",
  "mengimbau", or "resmi", "situs resmi", "siaran pers";
* repetition: calls to spread ("sebarkan", "viralkan", "kirim ke"), urgency
  ("segera", "buruan", "!!"), hearsay ("katanya", "info dari grup"), vouching
  ("bukan hoaks", "ini nyata"), and calls to act on the claim ("klik",
  "transfer", "daftar di").

The weighted sum ``s`` of the cues found (each cue counted once) gives
``P(denies) = 1 / (1 + exp(-(s + bias)))``; a text is ``denies`` when that
probability reaches 0.5. Weights were set on the development part of the
stance pairs (``hoaxguard.evaluate.stance_pairs("dev")``), never on the held-out part.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

STANCES: tuple[str, ...] = ("repeats", "denies")

_OFFICIAL = (
    r"bmkg|bnpb|bpbd|polres\w*|polda\w*|polsek\w*|polri|kapolres|kapolda|kapolsek|kasat\w*|"
    r"dinkes|dinas|kemenkes|kementerian|kemen\w+|pertamina|pln|bpjs|bpom|ojk|bank indonesia|"
    r"bi|kpu\w*|bawaslu|diskominfo|kominfo|komdigi|pemkab|pemda|pemkot|pemprov|bupati|"
    r"wali ?kota|gubernur|camat|kecamatan|kelurahan|desa|disdukcapil|dukcapil|bkn|kemensos|"
    r"dinsos|dinas sosial|satgas|humas|juru bicara|jubir|pvmbg|badan geologi|bulog|"
    r"kemendag|kemnaker|disnaker|kemenkeu|djp|ditjen\w*|pemerintah|istana|setpres|tni|"
    r"kodim|korem|puskesmas|rsud|idai|idi|mui|kpai|bssn|lapan|brin|bumn|kejaksaan|kpk|"
    r"operator|telkomsel|whatsapp resmi|cek ?fakta|turnbackhoax|mafindo|redaksi|polisi|"
    r"kepala \w+|dokter|ahli \w+|pakar|ulama|perhimpunan|manajemen|pengelola|sekretariat|"
    r"panwaslu|pos pengamatan|stasiun \w+|balai|inspektorat|media|petugas resmi|(?-i:[A-Z]{2,8})"
)
_REPORT_VERB = (
    r"menegaskan|memastikan|menyatakan|mengimbau|menghimbau|menjelaskan|membantah|"
    r"meluruskan|mengklarifikasi|mengonfirmasi|mengkonfirmasi|menyampaikan|mengumumkan|"
    r"menginformasikan|mengingatkan|meminta warga|memberitahukan|merilis|melaporkan"
)

#: (name, pattern, weight); positive weights point to ``denies``.
CUES: tuple[tuple[str, str, float], ...] = (
    # --- denial / correction
    ("tidak_benar", r"\b(tidak|tdk|gak|nggak|bukan) (benar|betul|akurat|valid)\b", 2.6),
    ("tidak_ada", r"\b(tidak|tdk|tak) (ada|terdapat|ditemukan|pernah|terbukti)\b", 1.4),
    (
        "tidak_berpotensi",
        r"\b(tidak|tak) (berpotensi|akan|mengandung|menyebabkan|menimbulkan|"
        r"berbahaya|dipungut|dikenakan|memungut|meminta|menarik|berlaku|mengeluarkan|"
        r"menerbitkan|membuka|bekerja sama|terkait|berhubungan|dapat diprediksi|bisa diprediksi)\b",
        1.2,
    ),
    (
        "tanpa_biaya",
        r"\b(tanpa (biaya|pungutan|dipungut)|gratis tanpa|tidak berbayar|"
        r"bebas biaya|tidak ada biaya|tidak dipungut)\b",
        1.0,
    ),
    ("bukan", r"\bbukan\b", 0.6),
    (
        "negated_verb",
        r"\b(tidak|tak|tdk) (bisa |dapat |pernah |perlu )?(me|ber|di|ter)[a-z]{3,}",
        0.8,
    ),
    (
        "warn_label",
        r"\b(ilegal|bodong|tidak berizin|izin edar|menyesatkan|abaikan|laporkan|"
        r"blokir|ciri|pola pesan|dipidana|pidana|modus lama|hoaks lama)\b",
        1.0,
    ),
    (
        "is_label",
        r"\b(itu|tersebut|ini|adalah) (adalah |hasil |merupakan )?(hoaks|palsu|penipuan|"
        r"modus|rekayasa|deepfake|tidak benar|editan|suntingan|judi|kejadian lama|rekaman lama)\b",
        1.0,
    ),
    ("only_official", r"\bhanya (di|melalui|lewat|dari|disampaikan|diumumkan|dilakukan)\b", 0.6),
    ("belum_ada", r"\bbelum (ada|pernah|ditemukan|terbukti)\b", 0.8),
    ("bantah", r"\b(membantah|dibantah|bantahan|menyangkal|disangkal|membantahnya)\b", 2.2),
    (
        "hoaks_label",
        r"\b(?<!bukan )(?<!bkn )(?<!tidak )(hoaks|hoax|hoaxs|hoak|berita bohong|"
        r"kabar bohong|informasi bohong|disinformasi|misinformasi|kabar palsu|informasi palsu|"
        r"berita palsu|informasi menyesatkan|tidak dapat dipertanggungjawabkan)\b",
        2.0,
    ),
    (
        "palsu",
        r"\b(?<!bukan )(palsu|dipalsukan|tiruan|mencatut|catut|dicatut|mengatasnamakan|"
        r"rekayasa|hasil suntingan|disunting|editan|suntingan|deepfake|tidak asli)\b",
        0.9,
    ),
    (
        "klarifikasi",
        r"\b(klarifikasi|meluruskan|diluruskan|mengklarifikasi|faktanya|"
        r"fakta(nya)? adalah|cek fakta|yang benar|penjelasan resmi|hasil pemeriksaan fakta)\b",
        1.8,
    ),
    (
        "jangan_percaya",
        r"\bjangan (mudah )?(percaya|terpancing|tertipu|terprovokasi|"
        r"terkecoh|kembalikan|hubungi|menghubungi|pasang|memasang|pernah|panik|resah|khawatir|ikut menyebarkan|menyebarkan|sebarkan|disebarkan|"
        r"meneruskan|diteruskan|membagikan|klik|mengklik|transfer|mentransfer|memberikan|"
        r"berikan|membayar|bayar|mengunduh|unduh|instal|menginstal|membuka|layani|"
        r"melayani|tergiur|menanggapi|tanggapi)\b",
        1.8,
    ),
    ("waspada", r"\b(waspada|waspadai|berhati-hati|hati-hati|harap waspada)\b", 0.5),
    (
        "modus",
        r"\b(modus|penipuan|penipu|oknum|tindak pidana|dilaporkan ke polisi|"
        r"lapor(kan)? ke)\b",
        0.9,
    ),
    ("imbau", r"\b(mengimbau|menghimbau|imbauan|himbauan|diimbau|dihimbau)\b", 1.0),
    ("pastikan", r"\b(memastikan|menegaskan|dipastikan|ditegaskan|tegas)\b", 1.0),
    (
        "aman",
        r"\b(aman dikonsumsi|aman digunakan|dalam kondisi aman|kondisi normal|"
        r"normal|terkendali|mencukupi|tersedia cukup|stok aman|berjalan normal|"
        r"tetap berlaku|masih berlaku|sesuai jadwal|tidak ada perubahan)\b",
        0.9,
    ),
    (
        "resmi",
        r"\b(resmi|situs resmi|akun resmi|kanal resmi|laman resmi|siaran pers|"
        r"rilis resmi|sumber resmi|informasi resmi|keterangan resmi|terverifikasi)\b",
        0.6,
    ),
    ("go_id", r"\.go\.id\b", 0.4),
    ("official_says", rf"\b({_OFFICIAL})\b[^.!?\n]{{0,60}}\b({_REPORT_VERB})\b", 1.2),
    (
        "official_subject",
        rf"(^|[.!?:]\s*)(pt |pihak |kantor )?({_OFFICIAL})( \w+)?\s+(resmi\s+)?"
        r"(me|mem|men|meng|meny)[a-z]{3,}",
        0.8,
    ),
    (
        "according_official",
        rf"\b(menurut|kata|ujar|jelas|tutur|sebut) [^.!?\n]{{0,25}}\b"
        rf"({_OFFICIAL})\b",
        0.3,
    ),
    (
        "sudah_terjadi",
        r"\b(telah terjadi|tidak berpotensi tsunami|dimutakhirkan|"
        r"pemutakhiran|berdasarkan hasil|hasil (uji|pemeriksaan|analisis|kajian|penelitian))\b",
        0.9,
    ),
    (
        "penyesuaian",
        r"\b(menyesuaikan|penyesuaian|berlaku mulai|ditetapkan|keputusan|"
        r"sesuai ketentuan|sesuai aturan|peraturan|nomor \d+)\b",
        0.6,
    ),
    (
        "ask_check",
        r"\b(cek|periksa|pastikan|konfirmasi)\b[^.!?\n]{0,40}\b(resmi|langsung ke|"
        r"kantor|call center|hotline|nomor resmi|situs)\b",
        0.8,
    ),
    # --- repetition
    (
        "bukan_hoaks",
        r"\b(bukan|bkn|ga|gak|nggak|tidak) (hoaks|hoax|hoak|berita bohong|"
        r"hoaxs|tipuan|settingan)\b",
        -3.2,
    ),
    (
        "vouch",
        r"\b(ini nyata|beneran|benar-benar terjadi|sudah terbukti|terbukti ampuh|"
        r"dijamin|100 ?%|nyata adanya|fakta!|asli!|real|info valid|valid!|a1)\b",
        -1.3,
    ),
    (
        "spread",
        r"\b(?<!jangan )(?<!jangan ikut )(?<!tidak )(sebarkan|sebar|viralkan|"
        r"share|bagikan ke|teruskan|forward|kirim(kan)? ke|broadcast|sebarluaskan)\b",
        -1.4,
    ),
    (
        "urgent",
        r"\b(segera|buruan|cepat|cepetan|sekarang juga|hari ini juga|jangan sampai "
        r"terlambat|terbatas|sebelum terlambat|darurat|awas|gawat|mendesak)\b",
        -0.5,
    ),
    (
        "hearsay",
        r"\b(katanya|konon|kabarnya|info dari|info dr|dari grup|grup sebelah|"
        r"beredar kabar|dengar-dengar|denger2|dengar2|bocoran|rahasia|dirahasiakan|"
        r"ditutup-tutupi|tidak diberitakan|media diam|dibungkam)\b",
        -1.1,
    ),
    (
        "act_on",
        r"\b(?<!jangan )(?<!tidak pernah )(?<!tidak )(klik|daftar di|daftar disini|"
        r"daftar sekarang|isi data|isi formulir|kirim foto|transfer|hubungi admin|wa admin|"
        r"chat admin|unduh|download|install|cek nama|klaim hadiah|ambil hadiah|"
        r"borong|isi full|isi penuh|tukarkan)\b",
        -1.0,
    ),
    ("exclaim", r"!!|\?\?!|!{2,}", -0.7),
    ("shout", r"\b[A-Z]{5,}\b", -0.2),
    ("emoji_alarm", r"[\u26a0\U0001F6A8\U0001F631\U0001F525\U0001F62D\U0001F64F]", -0.5),
)
#: Cues read on the original text (upper-case acronyms, shouting); the others on
#: the lower-cased text, which is much faster than case-insensitive matching.
_CASED = frozenset({"shout", "official_says", "official_subject", "according_official"})
_COMPILED = tuple(
    (
        name,
        re.compile(pat, re.IGNORECASE if name in _CASED and name != "shout" else 0),
        w,
        name in _CASED,
    )
    for name, pat, w in CUES
)
#: Added to the cue sum before the logistic link (a text with no cue repeats).
BIAS = -1.6


def _as_text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return " ".join(str(value).split())


#: A cheap test on the lower-cased text that must pass before a costly cue is tried.
_PRECHECK = {
    "official_says": re.compile(rf"\b({_REPORT_VERB})\b"),
    "according_official": re.compile(r"\b(menurut|kata|ujar|jelas|tutur|sebut) "),
}


def stance_cues(text: Any) -> dict[str, float]:
    """The cues found in ``text`` and their weights (each cue counted once)."""
    raw = _as_text(text)
    low = raw.lower()
    found: dict[str, float] = {}
    for name, rx, w, cased in _COMPILED:
        pre = _PRECHECK.get(name)
        if pre is not None and not pre.search(low):
            continue
        if rx.search(raw if cased else low):
            found[name] = w
    return found


@lru_cache(maxsize=65536)
def _score_text(raw: str) -> float:
    s = sum(stance_cues(raw).values()) + BIAS
    return 1.0 / (1.0 + math.exp(-s))


def stance_score(text: Any) -> float:
    """``P(denies)`` of one text (0..1)."""
    return _score_text(_as_text(text))


def predict_stance(texts: Iterable[Any] | str) -> pd.DataFrame:
    """``match_stance`` (repeats/denies) and ``stance_confidence`` (0.5..1) per text.

    Parameters
    ----------
    texts : str, iterable of str or pandas.Series
        Raw texts (the Series index is kept).

    Returns
    -------
    pandas.DataFrame
        ``match_stance``, ``stance_confidence`` (probability of the chosen
        stance) and ``p_denies``.

    Examples
    --------
    >>> predict_stance(["BMKG memastikan isu tsunami itu tidak benar"]).match_stance[0]
    'denies'
    """
    if isinstance(texts, str):
        texts = [texts]
    index = texts.index if isinstance(texts, pd.Series) else None
    values = list(texts)
    p = np.array([stance_score(t) for t in values], dtype=float)
    denies = p >= 0.5
    return pd.DataFrame(
        {
            "match_stance": np.where(denies, "denies", "repeats").astype(object),
            "stance_confidence": np.where(denies, p, 1.0 - p),
            "p_denies": p,
        },
        index=index if index is not None else pd.RangeIndex(len(values)),
    )
