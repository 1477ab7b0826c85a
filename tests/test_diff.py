"""What an edit changes, and what the editor is asked to look at twice."""

from __future__ import annotations

from datetime import date

import pandas as pd

from catalog import DATASETS, load_catalog
from catalog.diff import anomalies, diff_tables

TODAY = date(2026, 11, 23)
VISAS = DATASETS["us_visas"]


def published() -> pd.DataFrame:
    return load_catalog().table("us_visas").copy()


def changed(table: pd.DataFrame, figure_id: str, **cells) -> pd.DataFrame:
    table = table.copy()
    for column, value in cells.items():
        table.loc[table["figure_id"] == figure_id, column] = value
    return table


def flagged(before: pd.DataFrame, after: pd.DataFrame) -> list[tuple[str, str, str]]:
    found = anomalies(VISAS, before, after, diff_tables(VISAS, before, after), TODAY)
    return [(anomaly.key, anomaly.column, anomaly.reason) for anomaly in found]


def test_added_removed_and_changed_rows_are_told_apart_cell_by_cell():
    before = published()
    after = changed(before, "refusal-b-uzb-2023", value=61.2, notes="Checked against the State Department table")
    after = pd.concat([after.iloc[1:], before.iloc[[0]].assign(figure_id="refusal-b-uzb-2023-copy")])

    diff = diff_tables(VISAS, before, after)

    assert diff.added["figure_id"].tolist() == ["refusal-b-uzb-2023-copy"]
    assert diff.removed["figure_id"].tolist() == ["refusal-b-uzb-2023"]
    assert diff.changes == [] and diff.summary() == "1 row added, 0 changed, 1 removed"


def test_a_changed_cell_is_written_before_and_after():
    before = published()
    diff = diff_tables(VISAS, before, changed(before, "refusal-b-kgz-2023", value=41.6, approximate=True,
                                                qualifier="about"))
    assert [(change.column, change.before, change.after) for change in diff.changes] == [
        ("value", "41.54", "41.6"), ("approximate", "False", "True"), ("qualifier", "", "about")]
    assert diff.changed_rows.loc[0, "qualifier"] == "(empty) → about"


def test_a_date_is_written_as_staff_write_it_at_its_precision():
    before = load_catalog().table("events")
    month = before.loc[before["date_precision"] == "month"].iloc[0]
    after = before.copy()
    after.loc[after["event_id"] == month["event_id"], ["date", "date_precision"]] = [
        month["date"] + pd.Timedelta(days=20), "day"]
    diff = diff_tables(DATASETS["events"], before, after)
    written = month["date"].strftime("%Y-%m")
    assert [(change.column, change.before, change.after) for change in diff.changes] == [
        ("date", written, f"{written}-21"), ("date_precision", "month", "day")]


def test_an_unchanged_table_has_an_empty_diff():
    assert diff_tables(VISAS, published(), published()).empty


def test_a_figure_ten_times_its_old_value_is_flagged():
    before = published()
    assert flagged(before, changed(before, "refusal-b-uzb-2023", value=5.9)) == [
        ("refusal-b-uzb-2023", "value", "was 59.56 before this edit")]


def test_a_small_correction_is_not_flagged():
    before = published()
    assert flagged(before, changed(before, "refusal-b-uzb-2023", value=61.2)) == []


def test_a_new_figure_ten_times_the_one_before_it_in_its_series_is_flagged():
    before = published()
    series = before[(before["country"] == "UZB") & (before["measure"] == "b_visa_refusal_rate")]
    latest = series.sort_values("period_start").iloc[-1]
    new = latest.copy()
    new["figure_id"], new["value"] = "refusal-b-uzb-2025", latest["value"] / 20
    new["period_start"], new["period_end"] = pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31")

    found = flagged(before, pd.concat([before, new.to_frame().T.astype(before.dtypes)], ignore_index=True))

    assert found == [("refusal-b-uzb-2025", "value",
                      f"the figure before it in the same series ({latest['figure_id']}, "
                      f"{latest['period_start']:%Y-%m-%d}) is {latest['value']:,.15g}")]


def test_a_source_id_the_dataset_never_used_is_flagged():
    before = published()
    other_source = next(source for source in load_catalog().table("sources")["source_id"]
                        if source not in set(before["source_id"]))
    assert flagged(before, changed(before, "refusal-b-uzb-2023", source_id=other_source)) == [
        ("refusal-b-uzb-2023", "source_id", "is a source id this dataset did not use before")]


def test_a_date_after_today_is_flagged():
    before = published()
    found = flagged(before, changed(before, "refusal-b-uzb-2023", period_end=pd.Timestamp("2027-12-31")))
    assert found == [("refusal-b-uzb-2023", "period_end", "is after today (2026-11-23)")]
