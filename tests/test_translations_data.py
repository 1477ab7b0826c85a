"""The data's own text in Russian: translations.csv is checked like every dataset, and translated() hands pages
and charts tables whose reader-facing text is Russian, quotes and figures untouched."""

from __future__ import annotations

import pandas as pd

from catalog import DATASETS, country_names, load_catalog, translated
from catalog.check import check_paths
from catalog.problems import Problem
from catalog.publish import draft
from catalog.translations import MISSING
from charts.registry import CHARTS
from tests.conftest import open_page
from tests.csv_edits import rows_of, write

FILE = "translations.csv"
CELL = "language/dataset/row_id/column"


def problems_of(data_copy, edit) -> list[Problem]:
    """The problems `python -m catalog check data/translations.csv` reports after `edit(header, rows)`."""
    path = data_copy / FILE
    header, rows = rows_of(path)
    edit(header, rows)
    write(path, header, rows)
    problems, _ = check_paths([path])
    return problems


def row_of(header, rows, dataset: str, row_id: str, column: str) -> int:
    """The position in `rows` of the translation of one cell."""
    at = {name: header.index(name) for name in ("dataset", "row_id", "column")}
    return next(index for index, row in enumerate(rows)
                if (row[at["dataset"]], row[at["row_id"]], row[at["column"]]) == (dataset, row_id, column))


def test_the_published_data_passes_its_check_with_every_text_translated():
    catalog = load_catalog()
    assert catalog.problems == []
    assert catalog.states["translations"].ok
    table = catalog.table("translations")
    assert set(table["language"]) == {"ru"}
    for name in ("countries", "events", "entry_bans", "extraditions", "entry_rules", "places", "border_facts",
                 "event_quotes"):
        assert name in set(table["dataset"]), name
    assert "translations" in DATASETS and list(DATASETS)[-1] == "translations"  # the editor lists it too


def test_a_missing_translation_is_a_problem_naming_the_cell(data_copy):
    def drop(header, rows):
        del rows[row_of(header, rows, "events", "ru-mobilization-announced", "summary")]

    problems = problems_of(data_copy, drop)

    assert problems == [Problem(str(data_copy / FILE), None, CELL, "ru/events/ru-mobilization-announced/summary",
                                MISSING)]
    assert str(problems[0]) == (f"{data_copy / FILE}, column '{CELL}', value "
                                "'ru/events/ru-mobilization-announced/summary': every text a reader sees needs its "
                                "translation in each language the site speaks; this cell has none here: add a row "
                                "for it")


def test_a_translation_of_a_row_that_is_gone_is_a_problem(data_copy):
    def orphan(header, rows):
        rows.append(["ru-events-no-such-event-summary", "ru", "events", "no-such-event", "summary", "Текст.", "Text.",
                     ""])

    problems = problems_of(data_copy, orphan)

    assert problems == [Problem(str(data_copy / FILE), len(rows_of(data_copy / FILE)[1]) + 1, "row_id",
                                "no-such-event", "must match the event_id of a row of events.csv: the row this "
                                "translates is not there (removed, or its id changed), so the translation is left "
                                "over")]



def test_a_translation_whose_english_was_edited_since_is_flagged_as_out_of_date(data_copy):
    header, rows = rows_of(data_copy / "events.csv")
    row = next(row for row in rows if row[header.index("event_id")] == "ru-mobilization-announced")
    before = row[header.index("summary")]
    row[header.index("summary")] = before + " Edited."
    write(data_copy / "events.csv", header, rows)

    problems, _ = check_paths([data_copy / FILE])

    assert [(problem.column, problem.value) for problem in problems] == [("english", before)]
    assert problems[0].rule == (f"the English text (events.csv, summary) has been edited since this was translated; "
                                f"it now reads “{before} Edited.”: bring the translation up to date and copy the new "
                                "English here")
    assert load_catalog().states["events"].ok  # the edit itself is never held back

def test_removing_a_row_leaves_its_translation_over_without_holding_back_the_publish(data_copy):
    header, rows = rows_of(data_copy / "events.csv")
    gone = rows.pop(0)[header.index("event_id")]
    write(data_copy.parent / "events.csv", header, rows)

    candidate = draft("events", (data_copy.parent / "events.csv").read_bytes(), "events.csv", data_copy)
    assert candidate.problems == []  # translations follow the data: they never hold an edit of it back

    write(data_copy / "events.csv", header, rows)
    problems = load_catalog().states["translations"].problems
    assert [(problem.column, problem.value) for problem in problems] == [("row_id", gone)]
    assert problems[0].file.endswith(FILE) and problems[0].row > 1 and "events.csv" in problems[0].rule


def add_event(data_dir, event_id: str) -> str:
    """A new event, a copy of the first with its own id, and its source's sentence (with no notes), as staff add
    one; returns its summary."""
    header, rows = rows_of(data_dir / "event_quotes.csv")
    sentence = {"event_id": event_id, "quote": rows[0][header.index("quote")]}
    write(data_dir / "event_quotes.csv", header, rows + [[sentence.get(column, "") for column in header]])
    header, rows = rows_of(data_dir / "events.csv")
    write(data_dir / "events.csv", header, rows + [[event_id, *rows[0][1:]]])
    return rows[0][header.index("summary")]


def test_a_new_row_waits_for_its_translation_and_shows_its_english_meanwhile(data_copy):
    summary = add_event(data_copy, "brand-new-event")

    catalog = load_catalog()
    assert catalog.states["events"].ok
    assert [(problem.column, problem.value, problem.rule) for problem in catalog.states["translations"].problems] \
        == [(CELL, "ru/events/brand-new-event/summary", MISSING)]

    tables = {name: state.table for name, state in catalog.states.items() if state.usable}
    events = translated(tables, "ru")["events"].set_index("event_id")["summary"]
    assert events["brand-new-event"] == summary  # English until it is translated
    assert events["ru-mobilization-announced"].startswith("Путин объявил частичную мобилизацию")



def test_a_row_waiting_for_its_translation_tells_russian_readers_only(data_copy):
    """English readers never see translations, so nothing is said to them; a Russian reader is told that some
    text is in English, not that a dataset failed."""
    add_event(data_copy, "brand-new-event")

    english = open_page("pages/overview.py")
    assert not english.warning and not english.error and not english.info
    russian = open_page("pages/overview.py", lang="ru")
    assert not russian.warning and not russian.error
    assert [notice.value for notice in russian.info] == [
        "Часть новых текстов в данных ещё не переведена: они показаны на английском."]

def test_two_translations_of_one_cell_are_a_problem(data_copy):
    def twice(header, rows):
        copy = list(rows[row_of(header, rows, "countries", "KAZ", "name")])
        copy[header.index("translation_id")] = "ru-countries-kaz-name-again"
        rows.append(copy)

    problems = problems_of(data_copy, twice)

    assert len(problems) == 1
    problem = problems[0]
    assert (problem.row, problem.column, problem.value) == (len(rows_of(data_copy / FILE)[1]) + 1, CELL,
                                                             "ru/countries/KAZ/name")
    assert problem.rule.startswith("one translation per language, dataset, row and column: this cell is translated "
                                   "on row ")


def test_an_unknown_language_dataset_or_column_is_a_problem(data_copy):
    def unknown(header, rows):
        rows[0][header.index("language")] = "kk"
        rows[1][header.index("dataset")] = "visas"
        rows[2][header.index("column")] = "quote"
        kaz = row_of(header, rows, "countries", "KAZ", "name")
        rows[kaz][header.index("column")] = "summary"  # a translated column, but not of countries

    problems = problems_of(data_copy, unknown)
    found = {(problem.row, problem.column, problem.value): problem.rule for problem in problems}

    assert all(problem.file == str(data_copy / FILE) for problem in problems)
    assert found[(2, "language", "kk")] == "must be one of: ru"
    assert found[(3, "dataset", "visas")].startswith("must be one of: sources, countries, places, event_quotes")
    assert found[(4, "column", "quote")].startswith("must be one of: notes, name, summary")
    header, rows = rows_of(data_copy / FILE)
    kaz = next(index for index, row in enumerate(rows) if row[header.index("row_id")] == "KAZ") + 2
    assert found[(kaz, "dataset/column", "dataset=countries, column=summary")].startswith(
        "column must be one of the dataset's translated columns: sources: notes; countries: name; places: name, notes;")


def test_a_translation_may_not_state_a_number_its_english_does_not(data_copy):
    def restated(header, rows):
        rows[row_of(header, rows, "events", "kz-200000-entered", "summary")][header.index("text")] = (
            "Министр внутренних дел Ахметжанов сообщил, что после объявления мобилизации в Казахстан въехали "
            "250\u00a0000 россиян, а выехали 147\u00a0000.")

    problems = problems_of(data_copy, restated)

    assert len(problems) == 1
    assert (problems[0].column, problems[0].rule) == (
        "text", "250 000 is not in the English text (events.csv, summary): a translation states only the numbers "
                "its English states")


def test_figures_written_the_russian_way_are_the_english_ones():
    table = load_catalog().table("translations").set_index(["dataset", "row_id", "column"])["text"]
    assert "4824 россиянина" in table[("events", "fi-arrivals-rise-2022-09-21", "summary")]
    assert "406\u00a0000 россиян" in table[("events", "kz-406000-in-september", "summary")]
    assert "на 65\u00a0%" in table[("events", "kz-october-arrivals-down-65", "summary")]
    assert "около 700\u00a0000" in table[("events", "ge-zourabichvili-700000", "summary")]
    assert "более 3000" in table[("events", "mn-altanbulag-3000", "summary")]


def published_tables() -> dict[str, pd.DataFrame]:
    catalog = load_catalog()
    return {name: state.table for name, state in catalog.states.items() if state.usable}


def test_translated_tables_speak_russian_and_leave_quotes_alone():
    tables = published_tables()
    before = {name: table.copy() for name, table in tables.items()}

    russian = translated(tables, "ru")

    countries = dict(zip(russian["countries"]["iso3"], russian["countries"]["name"], strict=True))
    assert {code: countries[code] for code in ("KAZ", "KGZ", "UZB", "TJK", "RUS", "GEO", "FIN", "MNG", "USA")} == {
        "KAZ": "Казахстан", "KGZ": "Киргизия", "UZB": "Узбекистан", "TJK": "Таджикистан", "RUS": "Россия",
        "GEO": "Грузия", "FIN": "Финляндия", "MNG": "Монголия", "USA": "США"}
    events = russian["events"].set_index("event_id")
    assert events.at["ru-mobilization-announced", "summary"] == (
        "Путин объявил частичную мобилизацию: на войну в Украине призвали 300\u00a0000 человек.")
    assert events.at["ru-mobilization-announced", "date"] == tables["events"].set_index("event_id").at[
        "ru-mobilization-announced", "date"]
    bans = russian["entry_bans"].set_index("ban_id")
    assert bans.at["kz-bars-tolstoy", "person_or_group"] == "Пётр Толстой"
    assert bans.at["kz-bars-tolstoy", "quote"] == tables["entry_bans"].set_index("ban_id").at["kz-bars-tolstoy",
                                                                                               "quote"]
    assert russian["extraditions"].set_index("case_id").at["zhilin-kz-ru-mt", "person"] == "Михаил Жилин"
    assert russian["places"].set_index("place_id").at["upper-lars", "name"] == "Верхний Ларс"
    sources = ["source_id", "publisher", "title", "url", "language"]  # titles and publishers as published
    pd.testing.assert_frame_equal(russian["sources"][sources], tables["sources"][sources])
    assert "Пересказывает Reuters." in set(russian["sources"]["notes"])
    for name in ("event_quotes", "entry_rules", "entry_bans", "extraditions", "places", "border_facts", "us_visas",
                 "border_crossings", "remittances", "migrant_workers"):
        pd.testing.assert_series_equal(russian[name]["quote"], tables[name]["quote"])  # the source's own words
    for name in ("us_visas", "border_crossings", "remittances", "migrant_workers"):  # figures and their words
        columns = ["figure_id", "value", "value_high", "qualifier", "period_start", "period_end", "source_id"]
        pd.testing.assert_frame_equal(russian[name][columns], tables[name][columns])
    crossings = russian["border_crossings"].set_index("figure_id")
    assert set(crossings["stated_by"]) >= {"МВД Казахстана", "Пограничная служба Финляндии"}
    assert any(note.startswith("Весь сентябрь 2022 года") for note in crossings["notes"].dropna())
    assert russian["event_quotes"].set_index("event_id").at["kz-zhilin-appeal-rejected", "notes"] == (
        "«В среду» — в сообщении от пятницы, 30 декабря 2022 г.")
    for name, table in tables.items():  # the tables it was given are untouched
        pd.testing.assert_frame_equal(table, before[name])


def test_english_is_the_tables_themselves_and_russian_is_worked_out_once():
    tables = published_tables()

    english = translated(tables, "en")
    assert all(english[name] is table for name, table in tables.items())
    assert english["countries"].set_index("iso3").at["KAZ", "name"] == "Kazakhstan"

    first, again = translated(tables, "ru"), translated(tables, "ru")
    assert all(first[name] is again[name] for name in tables)
    assert translated(tables, "xx")["countries"] is tables["countries"]  # a language the data does not speak


def test_country_names_in_a_language():
    assert country_names()["KGZ"] == "Kyrgyzstan"
    assert country_names("ru")["KGZ"] == "Киргизия"
    assert country_names("ru")["USA"] == "США"


def test_a_search_finds_a_ban_by_its_english_words_or_its_russian_ones():
    """A link shared from an English page (?q=Kandelaki) opens on a Russian page with the same rows."""
    spec = next(spec for spec in CHARTS.values() if any(item.param == "q" for item in spec.filters))
    tables = translated({name: load_catalog().table(name) for name in spec.reads}, "ru")
    for words in ("Kandelaki", "Канделаки", "kandelaki"):
        rows = spec.rows(tables, {"q": words})
        assert len(rows) == 1 and rows["person_or_group"].iloc[0].startswith("Тина"), words
