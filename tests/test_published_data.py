"""The published data: it passes its checks, every row is sourced, and the story's key figures are all there."""

from __future__ import annotations

import pandas as pd
import pytest

from catalog import DATASETS, history, load_catalog
from catalog.check import check_paths
from catalog.store import data_dir, digest, published_files


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_every_file_in_data_passes_its_check():
    problems, _ = check_paths([])
    assert problems == [], "\n".join(map(str, problems))


def test_every_source_id_resolves_and_every_seed_article_is_cited(catalog):
    sources = set(catalog.table("sources")["source_id"])
    cited: set[str] = set()
    for name in DATASETS:
        table = catalog.table(name)
        if "source_id" in table and name != "sources":
            cited |= set(table["source_id"].dropna())
    assert cited <= sources
    # The five news articles the project began from, cited as their publishers give them
    seeds = {
        "todayheadline-undesirables-lists",  # Russia and Kazakhstan's Growing Lists of Undesirables
        "prism-kz-sends-activists-back",  # Prism: Why Kazakhstan Is Sending Russian Anti-War Activists Back to Moscow
        "timesca-2025-06-ru-us-entry-restrictions",  # The Times of Central Asia, June 2025
        "stripes-2023-01-kz-90-day-stay-rule",  # Stars and Stripes, January 2023
        "caravel-2022-10-kz-accepts-russians",  # The Caravel, 20 October 2022
    }
    assert seeds <= sources and seeds <= cited


def rows(table: pd.DataFrame, **where) -> pd.DataFrame:
    for column, value in where.items():
        table = table[table[column] == value]
    return table


def test_200000_crossings_into_kazakhstan_in_the_two_weeks_after_mobilization(catalog):
    found = rows(catalog.table("border_crossings"), destination_country="KAZ", measure="entered", value=200000)
    assert len(found) >= 1
    assert (found["counts"] == "crossings").all()
    assert (found["period_start"] == pd.Timestamp("2022-09-21")).all()


def test_70000_id_numbers_issued_in_kazakhstan_flagged_approximate(catalog):
    found = rows(catalog.table("border_crossings"), destination_country="KAZ", measure="id_numbers_issued",
                 value=70000)
    assert len(found) == 1 and found["approximate"].all() and (found["counts"] == "documents").all()


def test_the_13_fold_rise_in_money_transfers(catalog):
    assert len(rows(catalog.table("remittances"), measure="growth_factor", value=13, unit="ratio")) >= 1


def test_turkmenistans_fy2023_overstay_rates(catalog):
    visas = rows(catalog.table("us_visas"), country="TKM", period_start=pd.Timestamp("2022-10-01"),
                 period_end=pd.Timestamp("2023-09-30"))
    assert 15.35 in set(rows(visas, measure="overstay_rate_b1_b2")["value"])
    assert 21.74 in set(rows(visas, measure="overstay_rate_f_m_j")["value"])


def test_about_70_kazakh_scholars_barred_by_russia_flagged_approximate(catalog):
    found = rows(catalog.table("entry_bans"), banning_country="RUS", nationality="KAZ", occupation="scholar")
    assert found["count"].tolist() == [70]
    assert found["approximate"].all() and found["qualifier"].notna().all()


def test_bans_run_in_both_directions(catalog):
    bans = catalog.table("entry_bans")
    assert set(zip(bans["banning_country"], bans["nationality"], strict=True)) >= {("RUS", "KAZ"), ("KAZ", "RUS")}


@pytest.mark.parametrize("country, effective, max_stay, window, kind", [
    ("KAZ", "2023-01-27", 90, 180, "rolling"),
    ("RUS", "2025-01-01", 90, None, "calendar_year"),
])
def test_stay_rules(catalog, country, effective, max_stay, window, kind):
    found = rows(catalog.table("entry_rules"), country=country, effective_date=pd.Timestamp(effective),
                 rule_kind="stay_limit")
    assert len(found) == 1
    rule = found.iloc[0]
    assert rule["max_stay_days"] == max_stay and rule["window_kind"] == kind
    assert (pd.isna(rule["window_days"]) if window is None else rule["window_days"] == window)


def test_russias_qr_code_entry_from_30_june_2025(catalog):
    assert len(rows(catalog.table("entry_rules"), country="RUS", rule_kind="entry_procedure",
                    effective_date=pd.Timestamp("2025-06-30"))) == 1


@pytest.mark.parametrize("date, category", [
    ("2022-09-21", "mobilization"),
    ("2024-03-22", "security"),
    ("2025-06-04", "us_restriction"),
    ("2023-01-27", "entry_rule"),
])
def test_key_dates_are_on_the_timeline(catalog, date, category):
    assert len(rows(catalog.table("events"), date=pd.Timestamp(date), category=category)) >= 1


def test_the_named_extradition_cases_are_all_there(catalog):
    people = " ".join(catalog.table("extraditions")["person"])
    for name in ("Yemelyanova", "Kachkurkin", "Bazhukov", "Murtazov", "Zhilin", "Kislitsin"):
        assert name in people


def test_the_two_remittance_series_stay_apart_in_time(catalog):
    money = catalog.table("remittances")
    bank_of_russia = rows(money, series="bank_of_russia_transfers")
    recipients = rows(money, series="recipient_central_bank")
    assert len(bank_of_russia) and len(recipients)
    assert bank_of_russia["period_end"].max() <= pd.Timestamp("2021-12-31")
    assert recipients["period_start"].min() >= pd.Timestamp("2022-01-01")


def test_capitals_alone_use_well_known_coordinates_and_the_rest_cite_a_source(catalog):
    places = catalog.table("places")
    assert set(places.loc[places["coordinate_basis"] == "well_known_capital", "kind"]) == {"capital"}
    assert places.loc[places["coordinate_basis"] == "sourced", "source_id"].notna().all()
    assert "upper-lars" in set(places["place_id"])


def test_every_published_file_is_kept_in_history_so_a_broken_edit_has_a_version_to_fall_back_on():
    """Loading data/ (the app, or `make check-data`) keeps each good file in data/history; commit what it adds."""
    for name, path in published_files().items():
        assert history.is_kept(data_dir(), name, digest(path.read_bytes())), f"{path.name} is not in data/history"
