"""Narrative clusters: hoaxguard.report.cluster_narratives / add_cluster_columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import hoaxguard
from hoaxguard.report import add_cluster_columns, cluster_narratives
from hoaxguard.report._fakes import fake_scored_frame

CLAIM_A = (
    "Air PDAM di kecamatan kita sudah tercampur racun, jangan diminum sampai minggu depan! "
    "Sebarkan ke grup keluarga"
)
CLAIM_B = "Bantuan tunai 5 juta untuk semua warga, cukup isi data KTP di link berikut sebelum besok"
CHAIN = (
    "pesan berantai ini mengatakan bahwa gempa besar akan terjadi malam ini di pesisir "
    "selatan jadi semua warga harus mengungsi sebelum jam sembilan malam"
)
OTHER = "Jadwal posyandu bulan ini dimulai hari Senin jam delapan pagi di balai desa"


def _posts() -> pd.DataFrame:
    texts = [
        CLAIM_A,
        CLAIM_A.upper(),
        CLAIM_A.replace("jangan diminum", "jgn diminum") + " penting!!",
        CLAIM_B,
        CLAIM_B.replace("5 juta", "lima juta"),
        OTHER,
        "",
        None,
    ]
    times = [
        "2024-06-01 08:00",
        "2024-06-05 09:00",
        "2024-06-07 10:00",
        "2024-06-06 11:00",
        "2024-06-07 12:00",
        "2024-06-02 13:00",
        "2024-06-03 14:00",
        "2024-06-04 15:00",
    ]
    return pd.DataFrame(
        {
            "text": texts,
            "created_at": times,
            "match_id": ["pdam", "pdam", "", "bansos", None, None, None, None],
            "response": [
                "Tidak benar (PDAM)",
                "Tidak benar (PDAM)",
                "",
                "Waspada penipuan",
                None,
                None,
                None,
                None,
            ],
            "is_hoax": [True, True, True, True, True, False, False, False],
            "hoax_probability": [0.9, 0.8, 0.7, 0.95, 0.85, 0.1, 0.0, 0.0],
            "platform": ["x", "facebook", "x", "whatsapp", "whatsapp", "x", "x", "x"],
        },
        index=[10, 11, 12, 13, 14, 15, 16, 17],
    )


def test_variants_grouped_and_unrelated_separate():
    assign, clusters = cluster_narratives(_posts())
    assert assign.index.tolist() == [10, 11, 12, 13, 14, 15, 16, 17]
    assert assign.name == "cluster_id"
    assert assign[10] == assign[11] == assign[12]
    assert assign[13] == assign[14]
    assert len({assign[10], assign[13], assign[15]}) == 3
    assert assign[[16, 17]].isna().all()  # empty / missing texts
    sizes = clusters.set_index("cluster_id")["size"]
    assert sizes[assign[10]] == 3 and sizes[assign[13]] == 2 and sizes[assign[15]] == 1
    assert clusters["size"].sum() == 6


def test_cluster_summary_columns_and_values():
    assign, clusters = cluster_narratives(_posts(), now="2024-06-07 12:00")
    row = clusters.set_index("cluster_id").loc[assign[10]]
    assert row["n_variants"] == 3
    assert row["first_seen"] == pd.Timestamp("2024-06-01 08:00")
    assert row["last_seen"] == pd.Timestamp("2024-06-07 10:00")
    assert row["posts_last_day"] == 1  # 06-07 10:00
    assert row["posts_last_week"] == 3
    assert row["growth_day"] == 1 - 0
    assert row["match_id"] == "pdam"
    assert row["match_share"] == pytest.approx(2 / 3)
    assert row["response"] == "Tidak benar (PDAM)"
    assert row["hoax_share"] == 1.0
    assert row["mean_probability"] == pytest.approx(0.8)
    assert row["n_platforms"] == 2
    assert row["representative_text"] == CLAIM_A  # the earliest post
    b = clusters.set_index("cluster_id").loc[assign[13]]
    assert b["posts_last_day"] == 1 and b["posts_last_week"] == 2 and b["match_id"] == "bansos"
    # fastest growing first: same last day, A has more in the last week
    assert clusters["cluster_id"].tolist()[:2] == [assign[10], assign[13]]


def test_ids_do_not_depend_on_row_order():
    df = fake_scored_frame(n=120, seed=3)
    a1, c1 = cluster_narratives(df)
    shuffled = df.sample(frac=1.0, random_state=7)
    a2, c2 = cluster_narratives(shuffled)
    pd.testing.assert_series_equal(a1, a2.loc[a1.index])
    pd.testing.assert_frame_equal(c1, c2)


def test_ids_stable_when_later_posts_are_added():
    df = _posts()
    a1, _ = cluster_narratives(df.iloc[:6])
    extra = pd.DataFrame(
        {"text": [CLAIM_A + " cek dulu"], "created_at": ["2024-06-09 08:00"]}, index=[99]
    )
    a2, _ = cluster_narratives(pd.concat([df.iloc[:6], extra]))
    assert (a1 == a2.loc[a1.index]).all()
    assert a2[99] == a1[10]


def test_copy_paste_chain_is_one_cluster():
    words = CHAIN.split()
    chain = [words]
    rng = np.random.default_rng(0)
    for _ in range(8):  # each repost edits two words of the previous one
        nxt = list(chain[-1])
        for i in rng.choice(len(nxt), size=2, replace=False):
            nxt[i] = nxt[i] + "x"
        chain.append(nxt)
    df = pd.DataFrame({"text": [" ".join(w) for w in chain]})
    assign, clusters = cluster_narratives(df)
    assert assign.nunique() == 1
    assert clusters.loc[0, "size"] == len(chain)
    assert "first_seen" not in clusters.columns  # no time column


def test_without_time_sorted_by_size_and_deterministic():
    df = _posts().drop(columns="created_at")
    a1, c1 = cluster_narratives(df)
    a2, c2 = cluster_narratives(df)
    pd.testing.assert_frame_equal(c1, c2)
    assert c1["size"].tolist() == sorted(c1["size"], reverse=True)
    assert "posts_last_day" not in c1.columns


def test_threshold_controls_merging():
    df = pd.DataFrame(
        {
            "text": [
                CLAIM_B,
                CLAIM_B + " dan masih banyak lagi syarat lain yang "
                "harus dipenuhi oleh warga yang ingin mendaftar",
            ]
        }
    )
    loose, _ = cluster_narratives(df, threshold=0.3)
    strict, _ = cluster_narratives(df, threshold=0.95)
    assert loose.nunique() == 1
    assert strict.nunique() == 2


def test_simple_and_callable_normalizers():
    df = _posts()
    a_simple, _ = cluster_narratives(df, normalizer="simple")
    a_call, _ = cluster_narratives(df, normalizer=str.lower)
    assert a_simple[10] == a_simple[11]
    assert a_call[10] == a_call[11]
    with pytest.raises(ValueError, match="normalizer"):
        cluster_narratives(df, normalizer="nope")


def test_min_size_filters_summary_only():
    assign, clusters = cluster_narratives(_posts(), min_size=2)
    assert clusters["size"].min() >= 2
    assert assign.notna().sum() == 6


def test_timezone_aware_times_and_naive_now():
    df = _posts()
    df["created_at"] = pd.to_datetime(df["created_at"]).dt.tz_localize("Asia/Jakarta")
    _, clusters = cluster_narratives(df, now="2024-06-07 12:00")
    assert str(clusters["first_seen"].dt.tz) == "Asia/Jakarta"
    assert clusters["posts_last_week"].sum() == 6


def test_errors():
    df = _posts()
    with pytest.raises(KeyError):
        cluster_narratives(df, text_col="body")
    with pytest.raises(KeyError):
        cluster_narratives(df, time_col="when")
    with pytest.raises(ValueError):
        cluster_narratives(df, num_perm=10, bands=3)
    with pytest.raises(ValueError):
        cluster_narratives(df, threshold=0)


def test_empty_frame():
    assign, clusters = cluster_narratives(pd.DataFrame({"text": pd.Series([], dtype=object)}))
    assert assign.empty and clusters.empty
    only_missing = pd.DataFrame({"text": [None, None], "created_at": ["2024-01-01"] * 2})
    assign, clusters = cluster_narratives(only_missing)
    assert assign.isna().all() and clusters.empty


def test_add_cluster_columns_keeps_input():
    df = _posts()
    out = add_cluster_columns(df)
    assert out.index.equals(df.index)
    assert list(out.columns) == [*df.columns, "cluster_id", "cluster_size"]
    assert out.loc[10, "cluster_size"] == 3 and out.loc[15, "cluster_size"] == 1
    assert pd.isna(out.loc[16, "cluster_size"])
    assert "cluster_id" not in df.columns  # input not modified


def test_lazy_public_names():
    assert hoaxguard.cluster_narratives is cluster_narratives
    assert hoaxguard.add_cluster_columns is add_cluster_columns


def test_duplicate_index_and_nullable_flags():
    df = _posts()
    df.index = [0, 0, 1, 1, 2, 2, 3, 3]
    df["is_hoax"] = pd.array([True, True, None, True, True, False, False, False], dtype="boolean")
    assign, clusters = cluster_narratives(df)
    assert len(assign) == len(df)
    assert clusters["size"].sum() == 6
    row = clusters.loc[clusters["size"] == 3].iloc[0]
    assert row["hoax_share"] == 1.0  # the missing flag is ignored


def test_ids_do_not_depend_on_the_normaliser():
    df = _posts()
    a_text, _ = cluster_narratives(df, normalizer="text")
    a_simple, _ = cluster_narratives(df, normalizer="simple")
    pd.testing.assert_series_equal(a_text, a_simple)


def test_short_posts_group_only_with_exact_copies():
    df = pd.DataFrame({"text": ["banjir lagi", "BANJIR LAGI!!", "banjir parah", "macet parah"]})
    assign, _ = cluster_narratives(df)
    assert assign[0] == assign[1]
    assert assign.nunique() == 3


def test_placeholders_and_stopwords_do_not_link_posts():
    a = "@budi @ani https://a.id yang dan di ke dari ini itu untuk pemadaman listrik"
    b = "@budi @ani https://a.id yang dan di ke dari ini itu untuk harga cabai"
    assign, _ = cluster_narratives(pd.DataFrame({"text": [a, b]}))
    assert assign.nunique() == 2
    kept, _ = cluster_narratives(pd.DataFrame({"text": [a, b]}), stopwords=False)
    assert kept.nunique() == 1  # without the stopword list they look alike


def test_add_cluster_columns_can_return_the_summary():
    out, clusters = add_cluster_columns(_posts(), return_clusters=True)
    assert set(out["cluster_id"].dropna()) == set(clusters["cluster_id"])


def test_strongest_links_prunes_weak_bridges():
    from hoaxguard.report._clusters import _strongest_links

    # 0-3 one narrative (strong links), 4-7 another, 3-4 a weak bridge
    pairs = np.array(
        [
            [0, 1],
            [0, 2],
            [0, 3],
            [1, 2],
            [1, 3],
            [2, 3],
            [4, 5],
            [4, 6],
            [4, 7],
            [5, 6],
            [5, 7],
            [6, 7],
            [3, 4],
        ]
    )
    sims = np.array([0.9] * 12 + [0.4])
    kept = _strongest_links(pairs, sims, k=3)
    assert [3, 4] not in kept.tolist() and len(kept) == 12
    assert len(_strongest_links(pairs, sims, k=4)) == 13
