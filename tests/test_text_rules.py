"""Each rule of the Indonesian text pipeline, on sentences written for these tests."""

from __future__ import annotations

import pytest

from hoaxguard.text import (
    TextPreprocessor,
    clean_unicode,
    decode_leetspeak,
    is_leetspeak,
    normalize,
    normalize_laughter,
    preprocess,
    replace_emoji,
    replace_entities,
    split_reduplication,
    squeeze_elongation,
    tokenize,
    unescape_html,
)
from hoaxguard.text._resources import known_words


@pytest.fixture(scope="module")
def known() -> frozenset[str]:
    return known_words()


# -- Unicode and HTML --------------------------------------------------------
def test_html_entities_and_tags_are_decoded():
    assert unescape_html("Harga BBM &amp; LPG<br>naik?") == "Harga BBM & LPG naik?"


def test_zero_width_and_control_characters_disappear():
    text = "pe\u200bmerintah\u00ad kabu\u200dpaten\x00 siap\u200e membantu"
    assert clean_unicode(text).split() == ["pemerintah", "kabupaten", "siap", "membantu"]


def test_fancy_fonts_fold_to_plain_letters():
    assert normalize("𝐇𝐎𝐀𝐊𝐒 𝘽𝙀𝙍𝘽𝘼𝙃𝘼𝙔𝘼") == "hoaks berbahaya"


def test_fullwidth_and_accents_fold():
    assert clean_unicode("ＢＬＴ café") == "BLT cafe"


# -- entities ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("daftar di https://bansos-2025.xyz/daftar sekarang", "xxurl"),
        ("klik www.hadiahbank.com ya", "xxurl"),
        ("link bit.ly/hadiah-bri aman kok", "xxurl"),
        ("kirim ke admin.hadiah@gmail.com", "xxemail"),
        ("tanya @pemkab_sukamaju dong", "xxmention"),
        ("hubungi 0812-3456-7890 segera", "xxphone"),
        ("WA +62 812 3456 7890", "xxphone"),
        ("USER kamu kok gitu", "xxmention"),
        ("[USERNAME] lihat ini [URL]", "xxmention"),
    ],
)
def test_entities_become_placeholders(text, token):
    assert token in tokenize(text)


def test_entity_text_itself_is_dropped():
    tokens = tokenize("cek https://hadiah-palsu.xyz/klaim?id=123 sekarang")
    assert "hadiah" not in tokens and "palsu" not in tokens and "xxurl" in tokens


def test_numbers_are_not_phone_numbers():
    assert replace_entities("tahun 2025 ada 300 orang") == "tahun 2025 ada 300 orang"


# -- hashtags ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#StopHoax", "stop hoaks"),  # then slang: hoax -> hoaks
        ("#InfoBanjir hari ini", "info banjir hari ini"),
        ("#infobanjir", "info banjir"),
        ("#2024GantiPresiden", "2024 ganti presiden"),
    ],
)
def test_hashtags_are_split_into_words(text, expected):
    assert normalize(text) == expected


def test_unsplittable_hashtag_is_kept_whole():
    assert normalize("#xqzvv") == "xqzvv"


# -- emoji -------------------------------------------------------------------
def test_emoji_modes():
    words = {"😡": "marah"}
    assert replace_emoji("kesal 😡", "word", words).split() == ["kesal", "marah"]
    assert replace_emoji("kesal 😡", "placeholder", words).split() == ["kesal", "xxemoji"]
    assert replace_emoji("kesal 😡", "remove", words).split() == ["kesal"]


def test_emoji_with_variation_selector_and_skin_tone():
    tp = TextPreprocessor(emoji="placeholder", stem=False, remove_stopwords=False)
    assert tp.process("oke 👍🏽 ❤️") == ["oke", "xxemoji", "xxemoji"]


def test_unknown_emoji_word_mode_gets_placeholder():
    assert "xxemoji" in TextPreprocessor(stem=False).process("lihat 🦩")


def test_invalid_emoji_mode_is_rejected():
    with pytest.raises(ValueError, match="emoji"):
        TextPreprocessor(emoji="kata").fit(["x"])


# -- elongation ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("bangeeet", "banget"),
        ("mantaaap", "mantap"),
        ("maaaaf", "maaf"),
        ("tolooong", "tolong"),
        ("saat", "saat"),
        ("maaf", "maaf"),
        ("taat", "taat"),
        ("jalaaaan", "jalan"),
    ],
)
def test_elongation_is_squeezed_without_breaking_double_letters(token, expected, known):
    assert squeeze_elongation(token, known) == expected


def test_unknown_elongated_word_squeezes_long_runs(known):
    assert squeeze_elongation("qwerrrty", known) == "qwerty"


# -- leetspeak -----------------------------------------------------------------
@pytest.mark.parametrize(("token", "expected"), [("s4y4", "saya"), ("t3rb4ru", "terbaru"), ("k4mu", "kamu")])
def test_leetspeak_is_decoded(token, expected):
    assert decode_leetspeak(token) == expected


@pytest.mark.parametrize("token", ["2025", "50rb", "10jt", "24jam", "covid19", "g20", "mp3", "5g", "anak-2"])
def test_real_numbers_are_not_leetspeak(token):
    assert not is_leetspeak(token)
    assert decode_leetspeak(token) == token


# -- reduplication -------------------------------------------------------------
def test_reduplication_shorthand():
    assert split_reduplication("anak2") == ("anak", "anak")
    assert split_reduplication("anak2nya") == ("anak", "anaknya")
    assert split_reduplication("covid19") == ("covid19",)
    assert normalize("anak2 dan ibu2 pada hadir") == "anak anak dan ibu ibu pada hadir"


def test_hyphenated_words_keep_their_meaning():
    assert "kupu-kupu" in tokenize("ada kupu-kupu")
    # Sastrawi stems a written-out reduplication to its root
    assert preprocess("anak-anak sekolah") == "anak sekolah"


# -- laughter ------------------------------------------------------------------
@pytest.mark.parametrize(("token", "expected"), [("wkwkwkwk", "wkwk"), ("hahahaha", "haha"), ("hehehe", "hehe")])
def test_laughter_is_canonical(token, expected):
    assert normalize_laughter(token) == expected


# -- slang, stopwords, negations ------------------------------------------------
def test_slang_is_standardised():
    assert normalize("yg gak tau") == "yang tidak tahu"


def test_user_slang_overrides_the_bundled_lexicon():
    tp = TextPreprocessor(slang_dict={"mantul": "mantap betul"}, stem=False, remove_stopwords=False)
    assert tp.process("mantul") == ["mantap", "betul"]


@pytest.mark.parametrize("negation", ["tidak", "bukan", "belum", "jangan", "gak", "nggak", "tak"])
def test_negations_are_never_removed(negation):
    tp = TextPreprocessor(stopwords=[negation, "itu"], stem=False)
    tokens = tp.process(f"itu {negation} benar")
    assert "itu" not in tokens
    assert len(tokens) == 2


def test_custom_stopwords_replace_the_bundled_list():
    tp = TextPreprocessor(stopwords=["banjir"], stem=False, slang=False)
    assert tp.process("banjir di desa") == ["di", "desa"]


def test_stopword_removal_can_be_switched_off():
    assert "yang" in TextPreprocessor(remove_stopwords=False, stem=False).process("yang benar")


# -- style signals --------------------------------------------------------------
def test_style_signals():
    tokens = preprocess("SEGERA SEBARKAN PESAN INI KE SEMUA GRUP!!!").split()
    assert {"xxshout", "xxexclaim", "xxshare"} <= set(tokens)


def test_share_call_in_slang_form():
    assert "xxshare" in preprocess("tolong di share ya")


def test_style_signals_can_be_switched_off():
    tokens = TextPreprocessor(style_signals=False).process("SEGERA SEBARKAN PESAN INI!!!")
    assert not {"xxshout", "xxexclaim", "xxshare"} & set(tokens)


def test_acronyms_alone_are_not_shouting():
    assert "xxshout" not in preprocess("Info resmi dari BMKG dan BNPB tentang cuaca di wilayah Jawa Barat")


# -- stemming -----------------------------------------------------------------
def test_stems_match_sastrawi_outside_the_exception_list():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    reference = StemmerFactory().create_stemmer()
    tp = TextPreprocessor(remove_stopwords=False, slang=False, style_signals=False)
    text = "para petani menanam padi dan memanen jagung bersama-sama di persawahan"
    assert tp.process(text) == reference.stem(text).split()


@pytest.mark.parametrize(
    ("word", "stem"), [("pemerintah", "pemerintah"), ("berikan", "beri"), ("bekasi", "bekasi"), ("perbankan", "bank")]
)
def test_exception_list_fixes_known_sastrawi_errors(word, stem):
    assert TextPreprocessor(remove_stopwords=False, slang=False).process(word) == [stem]


def test_user_stem_exceptions():
    tp = TextPreprocessor(stem_exceptions={"pemilu": "pemilu"}, remove_stopwords=False)
    assert tp.process("pemilu") == ["pemilu"]
