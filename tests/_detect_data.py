"""Small synthetic Indonesian texts written for the detector tests (not from any corpus)."""

from __future__ import annotations

import random

_HOAX = [
    "SEBARKAN!! {thing} ternyata mengandung {bad}, jangan sampai keluarga kita jadi korban",
    "Waspada, pesan berantai: {thing} bisa menyebabkan {bad}. Viralkan ke grup WA!",
    "Info penting dari grup sebelah, {thing} sudah terbukti {bad}, segera bagikan",
    "Selamat! Anda dapat hadiah {prize} dari {org}, klik tautan dan kirim data KTP",
    "Beredar kabar {org} akan membagikan {prize} gratis untuk semua warga, sebarkan",
]
_VALID = [
    "Pagi ini aku sarapan {food} di {place}, enak banget",
    "Pemerintah kabupaten meresmikan {infra} baru di {place} pada hari Senin",
    "Besok ada kerja bakti membersihkan {infra} di {place}, yuk ikut",
    "Harga {food} di pasar {place} naik sedikit minggu ini",
    "Kami menonton pertandingan sepak bola bersama teman di {place}",
]
_FILL = {
    "thing": ["vaksin", "air galon", "mie instan", "telur palsu", "sinyal 5G", "garam dapur"],
    "bad": ["chip pelacak", "kanker otak", "kemandulan", "virus baru", "racun tikus"],
    "prize": ["mobil", "uang 100 juta", "sepeda motor", "pulsa 1 juta"],
    "org": ["bank daerah", "kementerian", "perusahaan minyak", "presiden"],
    "food": ["nasi uduk", "soto ayam", "bakso", "gado gado", "cabai"],
    "place": ["Sleman", "alun alun", "Bantul", "kampung sebelah", "kantor desa"],
    "infra": ["jembatan", "puskesmas", "pasar", "sekolah", "taman kota"],
}


def make_texts(n: int = 120, seed: int = 0) -> tuple[list[str], list[int]]:
    """``n`` texts, half hoax (1) and half valid (0), deterministic."""
    rng = random.Random(seed)
    texts, labels = [], []
    for i in range(n):
        label = i % 2
        tpl = rng.choice(_HOAX if label else _VALID)
        text = tpl.format(**{k: rng.choice(v) for k, v in _FILL.items()})
        texts.append(text)
        labels.append(label)
    return texts, labels
