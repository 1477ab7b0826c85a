"""A figure is found in its source's sentence however the source writes it, and only then."""

from __future__ import annotations

import pytest

from catalog.statements import qualifier_in, states, written_numbers

WRITTEN = [
    # the source's sentence, the figure as stored
    ("222,274 Russian citizens entered Georgia in September", 222274),
    ("В этом году в Казахстан приехали 2 900 000 россиян", 2_900_000),
    ("по состоянию на 27 сентября подал заявку 441 россиянин", 441),
    ("about 200 thousand Russians", 200_000),
    ("0.2 million Russians", 200_000),
    ("a 13-fold rise", 13),
    ("an overstay rate of 15.35 percent", 15.35),
    ("refusal rates of 51.10% and 54.96% respectively", 51.1),
    ("Uzbekistan ($0.53 billion)", 530_000_000),
    ("USD 2.532 billion", 2_532_000_000),
    ("Узбекистан остался на первом месте с 1,254 миллиарда долларов", 1_254_000_000),
    ("Всего в I квартале – 16,8 тыс. и 986 граждан России", 16_800),
    ("78,7 мың Ресей азаматының", 78_700),
    ("110 мыңнан астам қазақстандық", 110_000),
    ("quasi 44mila russi sono entrati", 44_000),
    ("Soltanto ieri, gli ingressi hanno riguardato \"7.743 russi\"", 7743),
    ("over $ 1 billion 111 million were transferred", 1_111_000_000),
    ("в прошлом году составил 2 миллиарда 377 миллионов 160 тысяч долларов", 2_377_160_000),
    ("в прошлом году составил 2 миллиарда 377 миллионов 160 тысяч долларов", 2_377_000_000),
    ("کارگران مهاجرتاجیک ازروسیه به کشورشان 1 میلیارد و741 میلیون دلارارسال کرده بودند", 1_741_000_000),
    ("با کاهش 835 میلیون دلاری روبه رو شده بود", 835_000_000),
    ("از اغاز امسال تاکنون 329میلیون دلار", 329_000_000),
    ("от 4 до 6 млн", 4_000_000),
    ("от 4 до 6 млн", 6_000_000),
    ("примерно от пятидесяти до восьмидесяти тысяч из них", 50_000),
    ("около четырехсот тысяч россиян", 400_000),
    ("около трех миллионов россиян", 3_000_000),
    ("депортировали семерых россиян", 7),
    ("around seventy Kazakh scholars", 70),
    ("в 6,8 раза превышает", 6.8),
    ("Coordinates: 53°12′N 63°38′E", 63.6333),
]


@pytest.mark.parametrize("quote, value", WRITTEN, ids=[f"{value:g}" for _, value in WRITTEN])
def test_a_figure_is_found_however_the_source_writes_it(quote, value):
    assert states(quote, value)


NOT_SAID = [
    ("222,274 Russian citizens entered Georgia", 222_000),  # a rounding is not the source's figure
    ("about 98,000 Russians", 100_000),
    ("$14.5 billion", 14_700_000_000),
    ("от 4 до 6 млн", 5_000_000),  # inside a range is not a figure the source gave
    ("41.54%", 41.5),
    ("2 миллиарда 377 миллионов 160 тысяч долларов", 2_160_000_000),  # a part of a sum is added to what comes before
]


@pytest.mark.parametrize("quote, value", NOT_SAID, ids=[f"{value:g}" for _, value in NOT_SAID])
def test_a_figure_the_sentence_does_not_state_is_not_found(quote, value):
    assert not states(quote, value)


def test_a_qualifier_must_be_the_sources_own_words():
    assert qualifier_in("a little more than 400,000 Russians arrived", "a little more than")
    assert qualifier_in("с начала этого года в Казахстан приехали чуть более 400 тыс. россиян", "чуть более")
    assert not qualifier_in("approximately 98,000 Russians", "about")  # a reworded qualifier
    assert not qualifier_in("more than $11 billion", "~")


def test_the_numbers_of_our_own_sentence_leave_years_out():
    assert written_numbers("406,000 Russians entered in September 2022, and 2.9 million in all of 2022.") == [
        "406,000", "2.9"]
