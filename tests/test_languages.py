"""Borderlines speaks English and Russian: the reader's language comes from the address, then their choice, then
their browser; every message in the code has a Russian translation; numbers and dates are written as each
language's press writes them."""

from __future__ import annotations

import pandas as pd
import pytest

from i18n import _, language_of, speaking
from i18n import __main__ as translators
from i18n.formats import compact, date_at, number, percent, short_month, short_period
from tests.conftest import open_page


def test_every_message_in_the_code_has_a_russian_translation():
    assert translators.missing() == []


@pytest.mark.parametrize(("code", "written"), [
    ("en", ["200,000", "15.35%", "1.5", "21 Sep 2022", "September 2022", "2022"]),
    ("ru", ["200\xa0000", "15,35\xa0%", "1,5", "21 сентября 2022 г.", "сентябрь 2022", "2022"]),
])
def test_numbers_and_dates_are_written_the_way_each_language_writes_them(code, written):
    day = pd.Timestamp("2022-09-21")
    with speaking(code):
        assert [number(200_000), percent(15.35, 2), number(1.5, 1), date_at(day), date_at(day, "month"),
                date_at(day, "year")] == written


@pytest.mark.parametrize(("code", "written"), [
    ("en", ["Sep 2022", "May 2018", "Jan 2023"]),
    ("ru", ["сент. 2022", "май 2018", "янв. 2023"]),  # a month short as the language shortens it, or whole
])
def test_a_month_in_a_label_is_short_the_way_each_language_shortens_it(code, written):
    with speaking(code):
        assert [short_month(pd.Timestamp(day)) for day in ("2022-09-21", "2018-05-01", "2023-01-31")] == written


@pytest.mark.parametrize(("code", "written"), [
    ("en", [("2022",), ("2019–2022",), ("Jan–Sep", "2018"), ("May", "2018"), ("Oct 2022–", "Mar 2023")]),
    ("ru", [("2022",), ("2019–2022",), ("янв.–", "сент.", "2018"), ("май", "2018"), ("окт. 2022–", "март 2023")]),
])
def test_a_period_in_a_label_is_short_and_a_whole_year_is_its_year(code, written):
    with speaking(code):
        assert [short_period("2022", "2022-12-31", "year", "year"), short_period("2019", "2022", "year", "year"),
                short_period("2018-01", "2018-09"), short_period("2018-05", "2018-05"),
                short_period("2022-10", "2023-03")] == written


@pytest.mark.parametrize(("code", "written"), [("en", ["500K", "1.5M", "10M"]),
                                               ("ru", ["500\xa0тыс.", "1,5\xa0млн", "10\xa0млн"])])
def test_a_round_figure_on_an_axis_is_shortened_the_way_each_language_shortens_it(code, written):
    with speaking(code):
        assert [compact(500_000), compact(1_500_000), compact(10_000_000)] == written


@pytest.mark.parametrize(("locale", "code"), [("ru-RU", "ru"), ("ru_KZ", "ru"), ("RU", "ru"), ("en-GB", "en"),
                                              ("kk-KZ", None), ("", None), (None, None)])
def test_a_browser_locale_gives_its_language_when_borderlines_speaks_it(locale, code):
    assert language_of(locale) == code


def test_a_russian_address_gives_russian_navigation_and_keeps_its_language():
    app = open_page(lang="ru")
    assert app.query_params["lang"] == ["ru"] or app.query_params["lang"] == "ru"
    with speaking("ru"):
        assert _("Entry bans") == "Запреты на въезд"
    assert app.session_state["reader-language"] == "ru"


def test_an_unknown_language_in_the_address_is_explained_and_the_page_is_english():
    app = open_page(lang="xx")
    assert "lang" in app.info[0].value and "“xx”" in app.info[0].value
    assert app.session_state["reader-language"] == "en"
