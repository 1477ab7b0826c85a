"""Every chart in Russian: a Russian reader sees no English word the English chart has, except the names of people,
publishers and places, the sources' own words and numbers; figures and dates are written as Russian media write
them; titles still fit the width they are drawn at; and the English charts are as they were."""

from __future__ import annotations

import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from catalog import load
from catalog.boundaries import country_outlines
from charts.registry import CHARTS
from charts.series import date_in_words, figure_in_words, period_in_words
from charts.spec import Look
from charts.text import PAGE_SUBTITLE_CHARACTERS, PAGE_TITLE_CHARACTERS, spoken, title_parts
from i18n import speaking

# Country names as the data layer hands them to charts for a Russian reader (the countries table's `name` column).
RUSSIAN_NAMES = {
    "RUS": "Россия", "KAZ": "Казахстан", "KGZ": "Киргизия", "TJK": "Таджикистан", "UZB": "Узбекистан",
    "TKM": "Туркмения", "GEO": "Грузия", "ARM": "Армения", "AZE": "Азербайджан", "BLR": "Белоруссия",
    "FIN": "Финляндия", "MNG": "Монголия", "UKR": "Украина", "TUR": "Турция", "USA": "США",
}
# Proper names a Russian chart keeps as they are written.
KEPT = {"Borderlines", "Natural", "Earth", "B"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*")


def published(spec, language: str = "en") -> dict[str, pd.DataFrame]:
    tables = {name: load(name) for name in spec.reads}
    if language == "ru":
        countries = tables["countries"]
        tables["countries"] = countries.assign(name=countries["iso3"].map(RUSSIAN_NAMES).fillna(countries["name"]))
    return tables


@pytest.fixture(scope="module")
def outlines() -> dict:
    return country_outlines()


def built(name: str, language: str, outlines: dict, phone: bool = False, chosen: dict | None = None):
    spec = CHARTS[name]
    return spec.build(published(spec, language), chosen, Look(phone=phone, language=language),
                      outlines if spec.is_map else None)


def figure_words(figure: go.Figure) -> list[str]:
    """What a reader reads on a plotly chart besides its hovers and source line (publishers' names, checked apart):
    title, axis titles and labels, legend, notes and labels on the marks."""
    layout = figure.layout
    texts = [layout.title.text, layout.xaxis.title.text, layout.yaxis.title.text, layout.legend.title.text]
    texts += [annotation.text for annotation in layout.annotations if annotation.name != "source"]
    texts += list(layout.xaxis.ticktext or ()) + list(layout.yaxis.ticktext or ())
    for trace in figure.data:
        if trace.showlegend is not False:
            texts.append(trace.name)
        for axis in ("x", "y"):
            texts += [value for value in (trace[axis] if trace[axis] is not None else ()) if isinstance(value, str)]
        if trace.text is not None and not isinstance(trace.text, str):
            texts += [str(text) for text in trace.text]
    return [spoken(text) for text in texts if text]


def chart_words(chart) -> list[str]:
    words = [chart.title, chart.alt_text, chart.notes, *chart.in_words]
    if isinstance(chart.figure, go.Figure):
        words += figure_words(chart.figure)
    return words


def proper_names() -> set[str]:
    """Words of the names charts show as the data writes them: publishers, people, who stated a figure, places."""
    names = set(KEPT)
    columns = {"sources": ["publisher"], "extraditions": ["person"], "places": ["name"],
               "entry_bans": ["person_or_group"]}
    for table, wanted in columns.items():
        for column in wanted:
            names |= {word for value in load(table)[column].dropna() for word in LATIN_WORD.findall(str(value))}
    for table in ("border_crossings", "remittances", "migrant_workers", "border_facts", "us_visas"):
        frame = load(table)
        if "stated_by" in frame:
            names |= {word for value in frame["stated_by"].dropna() for word in LATIN_WORD.findall(str(value))}
    return names


NAMES = proper_names()


@pytest.mark.parametrize("name", list(CHARTS))
def test_a_russian_chart_has_no_english_word_of_its_english_build(name, outlines):
    english = {word for text in chart_words(built(name, "en", outlines)) for word in LATIN_WORD.findall(text)}
    russian = built(name, "ru", outlines)
    left = {word for text in chart_words(russian) for word in LATIN_WORD.findall(text)} & english
    assert left - NAMES == set(), name
    assert russian.title or russian.alt_text
    if isinstance(russian.figure, go.Figure):
        annotations = russian.figure.layout.annotations
        source = next(annotation.text for annotation in annotations if annotation.name == "source")
        assert source.startswith(("Источник: ", "Источники: ")), name


def test_hovers_speak_russian_around_the_sources_own_words(outlines):
    finland = next(trace for trace in built("exodus_statements", "ru", outlines).figure.data
                   if trace.name == "Финляндия")
    assert finland.hovertext[0].startswith("<b>Финляндия</b>: 3\xa0133 за один день<br>14 сентября 2022 г.<br>"
                                           "источник: Finnish Border Guard<br><i>“He said")
    transfers = built("transfers_by_year", "ru", outlines).figure
    assert any("млрд долл. США</b>" in hover for trace in transfers.data for hover in trace.hovertext if hover)
    assert any(trace.name.endswith("(оценка или прогноз)") for trace in transfers.data)
    rules = built("entry_rules_timeline", "ru", outlines).figure
    assert "начало: ноябрь 2024; действует до сих пор" in rules.data[1].hovertext[0]


@pytest.mark.parametrize("name", [name for name, spec in CHARTS.items() if not spec.is_table and not spec.is_map])
@pytest.mark.parametrize("phone", [False, True])
def test_russian_titles_are_broken_into_lines_that_fit(name, phone, outlines):
    figure = built(name, "ru", outlines, phone=phone).figure
    title, subtitle = title_parts(figure)
    title_width, subtitle_width = (30, 46) if phone else (PAGE_TITLE_CHARACTERS, PAGE_SUBTITLE_CHARACTERS)
    for line, width in [(line, title_width) for line in title.split("<br>")] + [
            (line, subtitle_width) for line in subtitle.split("<br>") if subtitle]:
        longest_word = max(map(len, spoken(line).split()), default=0)
        assert len(spoken(line)) <= max(width, longest_word), (name, line)


def test_russian_titles_read_as_russian_media_write_them(outlines):
    assert built("border_lengths", "ru", outlines).title == (
        "Какова длина границы? 8 ответов: Граница Казахстана и России по данным каждого источника; ни одна цифра не "
        "наша")
    assert built("extradition_status", "ru", outlines).title.startswith("9 дел: на какой стадии каждое")
    assert built("us_visa_refusals", "ru", outlines).figure.layout.title.text.startswith(
        "Больше всего отказов в 2024 году — Узбекистан: 64,41\xa0%")
    assert built("bans_map", "ru", outlines).title.startswith("Кто кому закрывает въезд")
    # An axis title longer than the plot is tall reads across, at the end of the subtitle, rather than off the chart.
    statements = built("exodus_statements", "ru", outlines).figure.layout
    assert statements.yaxis.title.text is None
    assert spoken(statements.title.text).endswith("; Пересечения границы (логарифмическая шкала)")
    assert built("transfers_by_year", "ru", outlines).figure.layout.yaxis.title.text == "Млрд долл. США"


def test_russian_figures_and_dates_are_written_the_russian_way(outlines):
    lengths = built("border_lengths", "ru", outlines)
    assert list(lengths.figure.data[0].text)[:2] == ["6\xa0800\xa0км", "6\xa0846\xa0км"]  # never parted from the unit
    assert lengths.alt_text.endswith("от 6\xa0800 до 7\xa0800 км.")
    exodus = built("exodus_map", "ru", outlines)
    assert "Грузия: около 700\xa0000 въездов в страну с 21 сентября по 13 ноября 2022 г." in exodus.in_words
    assert CHARTS["exodus_map"].filters[0].options(published(CHARTS["exodus_map"]))  # the options, in English...
    with speaking("ru"):  # ...and in Russian, as a Russian page shows them
        days = CHARTS["exodus_map"].filters[0].options(published(CHARTS["exodus_map"], "ru"))
    assert days["2022-11-29"] == "29 ноября 2022 г."
    refusals = built("us_refusal_map", "ru", outlines)
    assert "Узбекистан: в 2024 году отклонено 64,41\xa0% заявлений на визу B" in refusals.in_words
    assert refusals.notes.startswith("Темнее — чаще отказывают (от 39,14\xa0% до 64,41\xa0% в 2024 году).")
    work = built("work_entries", "ru", outlines).figure
    # plotly shortens big numbers the English way only ('1.5M'): a Russian axis is labelled as Russian media write
    # (to 2.5 million: the axis rises past the highest bar, 1.45 million, to make room for the figures turned up the
    # bars, which are longer in Russian)
    assert list(work.layout.yaxis.ticktext) == ["0", "500\xa0тыс.", "1\xa0млн", "1,5\xa0млн", "2\xa0млн",
                                                "2,5\xa0млн"]
    assert built("work_entries", "en", outlines).figure.layout.yaxis.ticktext is None
    assert "100\xa0тыс." in built("exodus_statements", "ru", outlines).figure.layout.yaxis.ticktext
    assert built("remittances_share_of_gdp", "ru", outlines).figure.layout.xaxis.ticktext is None  # years stay
    assert list(work.data[0].text)[:2] == ["около 918\xa0тыс.", "1\xa0450\xa0тыс."]
    # short, or a phone's ticks run together
    assert list(work.layout.xaxis.ticktext) == ["янв.–<br>июнь<br>2019", "2022", "янв.–<br>март<br>2023"]
    bans = built("bans_by_occupation", "ru", outlines).figure
    assert "Россия → Казахстан: 2 человека поимённо и группа численностью около 70" in spoken(bans.layout.title.text)


def test_qualifiers_are_the_sources_in_russian_and_translated_from_english():
    with speaking("ru"):
        assert figure_in_words(100_000, "около") == "около 100\xa0000"
        assert figure_in_words(100_000, "about") == "около 100\xa0000"
        assert figure_in_words(3_000, "More than") == "более 3\xa0000"
        assert figure_in_words(3_000, "a little more than") == "чуть более 3\xa0000"
        assert figure_in_words(11_200, "quasi") == "почти 11\xa0200"
        assert figure_in_words(8_000, None, 9_000) == "8\xa0000–9\xa0000"
        assert figure_in_words(2.845, None, None, "{:.6g}") == "2,845"
        assert figure_in_words(47.9, "almost", None, "{:g}%") == "почти 47,9\xa0%"
        assert date_in_words(pd.Timestamp("2022-09-21")) == "21 сентября 2022 г."
        assert date_in_words(pd.Timestamp("2022-09-01"), "month") == "сентябрь 2022"
        assert period_in_words(pd.Timestamp("2022-09-21"), pd.Timestamp("2022-10-04")) == (
            "21 сентября 2022 г. — 4 октября 2022 г.")
    assert figure_in_words(8_000, None, 9_000) == "8,000 to 9,000"
    assert date_in_words(pd.Timestamp("2022-09-21")) == "21 Sep 2022"


def test_plotly_writes_russian_numbers_and_no_english_month_on_a_date_axis(outlines):
    for name in ("events_timeline", "exodus_statements", "bans_timeline", "extradition_steps", "entry_rules_timeline",
                 "transfers_by_year", "us_visa_refusals"):
        for phone in (False, True):
            figure = built(name, "ru", outlines, phone=phone).figure
            assert figure.layout.separators == ",\u2009", name
            ticks = " ".join(map(spoken, figure.layout.xaxis.ticktext or ()))
            assert figure.layout.xaxis.tickmode == "array" and ticks, name
            assert not LATIN_WORD.search(ticks), (name, ticks)
    english = built("events_timeline", "en", outlines).figure
    assert english.layout.separators is None and english.layout.xaxis.ticktext is None



def test_a_date_axis_of_a_few_weeks_is_labelled_by_day_in_russian(outlines):
    """Three weeks of bans (27 April to 17 May 2025) get a tick a week, the year once, not one lone month."""
    figure = built("bans_timeline", "ru", outlines).figure
    assert figure.layout.xaxis.ticktext == ("27 апр.<br>2025", "4 мая", "11 мая")

def test_filters_speak_russian_where_a_page_shows_them():
    spec = CHARTS["bans_timeline"]
    with speaking("ru"):
        options = {item.param: item.options(published(spec, "ru")) for item in spec.filters if item.options}
    assert options["direction"] == {"all": "Оба направления", "KAZ>RUS": "Казахстан → Россия",
                                    "RUS>KAZ": "Россия → Казахстан"}
    assert options["occupation"]["journalist"] == "Журналисты"
    english = {item.param: item.options(published(spec)) for item in spec.filters if item.options}
    assert english["occupation"]["journalist"] == "Journalists"
    assert english["direction"]["RUS>KAZ"] == "Russia bars Kazakhstan citizens"


def test_a_chart_with_nothing_to_show_says_so_in_russian(outlines):
    spec = CHARTS["extradition_status"]
    chart = spec.build(published(spec, "ru"), {"status": [], "held_by": []}, Look(language="ru"))
    assert chart.figure is None and chart.alt_text == "Под эти фильтры не подходит ни одно дело."
