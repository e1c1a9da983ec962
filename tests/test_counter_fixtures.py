"""Small template data written for the counter-narrative tests (no tests here)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

ENTRY: dict[str, Any] = {
    "id": "contoh-hadiah-palsu",
    "title": "Pesan hadiah undian palsu mengatasnamakan koperasi",
    "claim": "Pesan berantai menyebut nomor penerima memenangkan undian koperasi dan harus mentransfer biaya administrasi.",
    "aliases": [
        "selamat nomor anda menang undian koperasi sejahtera, hadiah motor, transfer biaya admin dulu",
        "pemenang undian koperasi wajib bayar pajak hadiah ke rekening panitia",
        "undian koperasi berhadiah motor, konfirmasi pencairan hadiah lewat wa admin",
    ],
    "verdict": "PENIPUAN",
    "fact": "Koperasi tidak meminta pemenang undian mentransfer biaya apa pun untuk menerima hadiah.",
    "explanation": "Penipu memakai nama lembaga agar tampak resmi. Periksa informasi melalui kantor atau situs resmi lembaga.",
    "sources": [
        {"name": "Contoh Sumber Resmi", "url": "https://example.org/info", "date": "2026-01-15"}
    ],
    "tags": ["penipuan", "hadiah"],
    "agency": "Kantor Contoh",
    "hashtags": ["#CekFakta"],
}

OTHER: dict[str, Any] = {
    "id": "contoh-gempa-ramalan",
    "title": "Ramalan gempa besar pada tanggal tertentu",
    "claim": "Beredar pesan bahwa gempa besar akan terjadi malam ini menurut ramalan ahli.",
    "aliases": [
        "awas gempa besar malam ini jam 10, info dari ahli, segera mengungsi",
        "ramalan gempa dahsyat minggu depan, warga diminta keluar rumah",
        "prediksi gempa magnitudo 8 besok pagi, sebarkan ke keluarga",
    ],
    "verdict": "HOAKS",
    "fact": "Gempa bumi tidak dapat diprediksi waktu, tempat dan kekuatannya secara tepat.",
    "explanation": "Informasi gempa resmi hanya dari lembaga meteorologi dan geofisika.",
    "sources": [{"name": "Lembaga Contoh", "url": "https://example.org/gempa"}],
    "tags": ["bencana"],
    "agency": "Lembaga Contoh",
    "hashtags": ["#CekFakta", "#JanganAsalSebar"],
}

THIRD: dict[str, Any] = {
    "id": "contoh-vaksin-chip",
    "title": "Vaksin berisi chip pelacak",
    "claim": "Vaksin disebut berisi microchip untuk melacak penerimanya.",
    "aliases": [
        "vaksin itu ada chip nya buat lacak kita semua",
        "jangan mau divaksin, isinya microchip pelacak",
        "chip di dalam vaksin bisa dilacak lewat sinyal hp",
    ],
    "verdict": "HOAKS",
    "fact": "Vaksin tidak berisi microchip; komposisinya diawasi badan pengawas obat.",
    "explanation": "Ukuran jarum suntik tidak memungkinkan alat elektronik pelacak.",
    "sources": [{"name": "Kementerian Contoh", "url": "https://example.org/vaksin"}],
    "tags": ["kesehatan"],
    "hashtags": ["#CekFakta"],
}


def entries() -> list[dict[str, Any]]:
    return [copy.deepcopy(e) for e in (ENTRY, OTHER, THIRD)]


def write_doc(path: Path, templates: list[dict[str, Any]], version: Any = 1) -> Path:
    path.write_text(
        yaml.safe_dump(
            {"schema_version": version, "templates": templates}, allow_unicode=True, sort_keys=False
        ),
        encoding="utf-8",
    )
    return path
