"""Explanation terms as a reader of the post sees them."""

from __future__ import annotations

from hoaxguard.text._terms import char_gram_label, readable_terms


def test_char_grams_are_named_not_shown_as_emoji():
    text = "Info PENTING: bansos cair besok. Cek https://bit.ly/x"
    got = readable_terms(text, "~._~ (+0.15); ~_pent~ (+0.10); ~://~ (+0.05); bansos (+0.04)")
    assert got == (
        'tanda baca "." (+0.15); bagian kata "pent" (PENTING) (+0.10); '
        'tanda baca "://" (+0.05); bansos (+0.04)'
    )
    assert "emoji" not in got


def test_char_gram_without_a_containing_word_and_separator_safety():
    assert char_gram_label("~xyz~", "tidak ada di sini") == 'bagian kata "xyz"'
    assert char_gram_label("~;_~", "a; b") == 'tanda baca ","'
    assert ";" not in char_gram_label("~_ya~", "ya;tidak")
    assert char_gram_label("~00~", None) == 'bagian kata "00"'
