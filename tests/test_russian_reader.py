"""The reader's frame in Russian: the chart block's own words (tabs, the CSV download with the count in the form
Russian gives it, the source list), the notices a link or a broken file brings, presenter mode's corner with the
language switch, and the language kept from page to page. The English of the same places is unchanged."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from catalog import load
from charts.palette import LIGHT
from charts.spec import Look
from i18n import ngettext, speaking
from rules.stay_calculator import StayRule, Trip
from tests.conftest import open_page
from tests.csv_edits import break_cell
from ui.chart_block import published_chart

DOWNLOAD = ("Download this {count} row (CSV)", "Download these {count} rows (CSV)")


def russian_rows(count: int) -> str:
    """The download label a Russian reader should see, by the grammar of Russian numerals (written out here, not
    taken from the catalog): 1, 21, 101 строку; 2-4, 22-24 строки; 5-20, 25-30, 111-114 строк."""
    if count % 10 == 1 and count % 100 != 11:
        rows = "строку"
    elif 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        rows = "строки"
    else:
        rows = "строк"
    return f"Скачать {count} {rows} (CSV)"


def download_labels(app) -> list[str]:
    return [button.proto.label for button in app.get("download_button")]


def walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def block_with_key(app, key: str):
    return next(node for node in walk(app.main) if getattr(node, "key", None) == key)


@pytest.mark.parametrize(("count", "label"), [
    (1, "Скачать 1 строку (CSV)"), (2, "Скачать 2 строки (CSV)"), (5, "Скачать 5 строк (CSV)"),
    (11, "Скачать 11 строк (CSV)"), (21, "Скачать 21 строку (CSV)"),
])
def test_the_download_label_takes_the_form_russian_gives_each_count(count, label):
    with speaking("ru"):
        assert ngettext(*DOWNLOAD, count).format(count=count) == label == russian_rows(count)
    english = ngettext(*DOWNLOAD, count).format(count=count)
    assert english == ("Download this 1 row (CSV)" if count == 1 else f"Download these {count} rows (CSV)")


def test_the_chart_block_speaks_russian_around_the_chart():
    app = open_page(lang="ru")
    assert [tab.label for tab in app.tabs] == ["График", "Таблица"]
    assert download_labels(app)[0] == russian_rows(len(load("events")))
    assert app.expander[0].label.startswith("Источники (")
    assert app.toggle(key="presenter-mode").label == "Режим презентации"


def test_the_chart_block_s_english_is_as_it_was():
    app = open_page()
    assert [tab.label for tab in app.tabs] == ["Chart", "Table"]
    assert download_labels(app)[0] == f"Download these {len(load('events'))} rows (CSV)"
    assert app.expander[0].label.startswith("Sources (")


@pytest.mark.parametrize(("query", "form"), [({"q": "Kandelaki"}, "строку"), ({"direction": "RUS>KAZ"}, "строки"),
                                             ({}, "строк")])
def test_each_count_of_rows_gets_its_own_russian_form(query, form):
    app = open_page("pages/entry_bans.py", lang="ru", **query)
    rows = len(app.dataframe[0].value)
    assert download_labels(app)[0] == russian_rows(rows) == f"Скачать {rows} {form} (CSV)"


def test_an_unknown_value_in_a_link_is_explained_in_russian():
    app = open_page(lang="ru", country="KAZ,<script>,XX")
    notices = [block.value.replace("\\", "") for block in app.info if block.value.startswith("В ссылке")]
    assert notices == ["В ссылке указан параметр country со значением «<script>,XX», которого на этой странице нет. "
                       "Вместо этого показано: остальные значения."]
    assert app.multiselect[0].value == ["KAZ"]
    assert app.multiselect[1].placeholder == "Все"


def test_an_unknown_presenter_setting_is_explained_in_russian():
    app = open_page(lang="ru", present="maybe")
    assert any(block.value == "В ссылке указан параметр present со значением «maybe», которого на этой странице нет. "
                              "Вместо этого показано: страница в текущем режиме." for block in app.info)


def test_presenter_mode_keeps_the_language_switch_in_its_corner_menu():
    app = open_page(present="1", lang="ru")
    corner = block_with_key(app, "presenter-corner")
    menu = block_with_key(app, "presenter-pages")
    assert menu.proto.popover.label == "Страницы"
    switch = next(node for node in walk(menu) if getattr(node, "key", None) == "reader-language")
    assert switch.label == "Language · Язык" and switch.value == "ru"
    assert [node.label for node in walk(corner) if getattr(node, "key", None) == "leave-presenter"] == [
        "Выйти из режима презентации"]
    # The sidebar, hidden in presenter mode, has no second switch.
    assert not [node for node in walk(app.sidebar) if getattr(node, "key", None) == "reader-language"]

    switch.set_value("en")
    app.run()
    assert app.session_state["reader-language"] == "en" and app.query_params["lang"] in ("en", ["en"])
    assert block_with_key(app, "presenter-pages").proto.popover.label == "Pages"
    assert app.query_params["present"] in ("1", ["1"])
    assert [tab.label for tab in app.tabs] == ["Chart", "Table"]


def test_out_of_presenter_mode_the_switch_heads_the_sidebar():
    app = open_page(lang="ru")
    sidebar = [getattr(node, "key", None) for node in walk(app.sidebar) if getattr(node, "key", None)]
    assert sidebar == ["reader-language", "presenter-mode"]
    assert not [node for node in walk(app.main) if getattr(node, "key", None) == "reader-language"]


def test_the_language_chosen_with_the_switch_survives_moving_to_another_page():
    app = open_page()
    assert [tab.label for tab in app.tabs] == ["Chart", "Table"]
    next(node for node in walk(app.sidebar) if getattr(node, "key", None) == "reader-language").set_value("ru")
    app.run()
    assert [tab.label for tab in app.tabs] == ["График", "Таблица"]
    app.switch_page("pages/entry_bans.py").run()
    assert not app.exception
    assert app.session_state["reader-language"] == "ru"
    assert app.query_params["lang"] in ("ru", ["ru"])
    assert download_labels(app)[0] == russian_rows(len(load("entry_bans")))
    app.switch_page("pages/overview.py").run()
    assert [tab.label for tab in app.tabs] == ["График", "Таблица"]


def test_presenter_mode_and_the_language_both_survive_moving_to_another_page():
    app = open_page(present="1", lang="ru")
    app.switch_page("pages/money.py").run()
    assert not app.exception
    assert app.session_state["reader-language"] == "ru"
    assert block_with_key(app, "presenter-pages").proto.popover.label == "Страницы"
    assert block_with_key(app, "leave-presenter").label == "Выйти из режима презентации"


def test_a_dataset_shown_at_its_last_good_version_is_dated_in_russian(data_copy):
    break_cell(data_copy, "us_visas", "value", "sixty")
    app = open_page("pages/us_restrictions.py", lang="ru")
    notice = app.warning[0].value
    assert re.search(r": набор данных не прошёл проверку, поэтому показана его версия от \d{1,2} [а-я]+ \d{4} г\., "
                     r"\d\d:\d\d UTC\. Что с ним не так, написано на странице «Данные и источники»\.$", notice), notice


def test_a_dataset_with_no_good_version_is_explained_in_russian(data_copy):
    for kept in (data_copy / "history" / "us_visas").glob("*.csv"):
        kept.unlink()
    break_cell(data_copy, "us_visas", "value", "sixty")
    app = open_page("pages/us_restrictions.py", lang="ru")
    assert "а более ранней версии, которая бы её прошла, нет" in app.error[0].value


def test_charts_are_cached_once_per_language():
    english = published_chart("events_timeline", None, Look(LIGHT))
    russian = published_chart("events_timeline", None, Look(LIGHT, language="ru"))
    assert russian is not english
    assert published_chart("events_timeline", None, Look(LIGHT, language="ru")) is russian


def test_the_stay_calculator_explains_an_impossible_trip_or_rule_in_russian():
    with speaking("ru"), pytest.raises(ValueError, match=r"^Дата выезда 2025-03-01 раньше даты въезда 2025-03-02$"):
        Trip(date(2025, 3, 2), date(2025, 3, 1))
    with speaking("ru"), pytest.raises(ValueError, match=r"хотя бы один день, а не max_days=0"):
        StayRule("per_entry", 0)
    with pytest.raises(ValueError, match=r"^Trip exit 2025-03-01 is before its entry 2025-03-02$"):
        Trip(date(2025, 3, 2), date(2025, 3, 1))



def test_plotly_s_own_buttons_and_month_names_speak_the_reader_s_language():
    """The mode bar's buttons and plotly's own date words travel with each chart (Streamlit loads no plotly locale
    file); an English chart carries none."""
    config = json.loads(open_page("pages/money.py", lang="ru").get("plotly_chart")[0].proto.config)
    russian = config["locales"]["ru"]
    assert config["locale"] == "ru"
    assert russian["dictionary"]["Zoom in"] == "Приблизить"
    assert russian["dictionary"]["Download plot as a PNG"] == "Скачать график в PNG"
    assert russian["format"]["months"][8] == "сентябрь" and russian["format"]["shortDays"][0] == "вс"
    english = json.loads(open_page("pages/money.py").get("plotly_chart")[0].proto.config)
    assert "locale" not in english and "locales" not in english
