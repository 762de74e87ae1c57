"""Vietnamese matching helpers: đ twins and tone-placement keys."""

from __future__ import annotations

from showcase.search import d_twins, tone_key


def test_d_twins_fold_only_words_with_d_stroke():
    assert d_twins("Nguyễn Đức E, tỉnh Đắk Lắk", "điển hình đức") == "duc dak dien"


def test_both_tone_placements_give_one_key():
    assert tone_key("hoà") == tone_key("hòa") == tone_key("HÒA")
    assert tone_key("thuý") == tone_key("thúy")
    assert tone_key("hoa") != tone_key("hòa")
    assert tone_key("hóa") != tone_key("hòa")
