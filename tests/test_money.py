"""Money and migrants: series kept apart, only whole years compared, entries counted as crossings."""


from catalog import load
from charts.money import (
    counted_work_entries,
    dated_shares_of_gdp,
    full_years_from_russia,
    share_of_gdp,
    transfers_by_year,
    work_entries,
)
from charts.spec import Look
from tests.conftest import open_page
from tests.figures import decoded, drawing


def test_only_whole_calendar_years_sent_from_russia_to_one_country_are_compared():
    years = full_years_from_russia(load("remittances"))
    assert (years["from_country"] == "RUS").all() and years["to_country"].notna().all()
    assert (years["period_start"].dt.day_of_year == 1).all()
    assert ((years["period_end"] - years["period_start"]).dt.days >= 364).all()
    assert "wb-uzb-2021-forecast" not in set(years["figure_id"])


def test_the_bank_of_russia_and_recipient_series_are_separate_lines():
    figure = transfers_by_year(full_years_from_russia(load("remittances")), drawing())
    uzbek = {trace.name: trace for trace in figure.data if trace.name.startswith("Uzbekistan")}
    assert {"Uzbekistan, Bank of Russia", "Uzbekistan, own central bank"} <= set(uzbek)
    bank_of_russia = decoded(uzbek["Uzbekistan, Bank of Russia"].y)
    # every year from 2010 to 2018, in billions, as the reports of the Bank of Russia's figures state them: one unbroken
    # line (the Eurasianet report that gives 2015 is undated; its "last year" follows 2014)
    assert bank_of_russia == [2.845, 4.262, 5.7, 6.7, 5.58, 2.37, 2.74, 3.902, 4.082]
    kyrgyz = next(trace for trace in figure.data if trace.name == "Kyrgyzstan, Bank of Russia")
    # 2011, a break for 2012 (no whole-year figure found), then 2013 to 2017, each year drawn once (2011 and 2017
    # are each reported twice)
    assert decoded(kyrgyz.y) == [1.572, None, 2.1, 2.03, 1.08, 1.7, 2.211]


def test_a_gap_in_the_years_breaks_the_line_instead_of_bridging_it():
    tajik = load("remittances")
    tajik = tajik[tajik["figure_id"].isin(["cbr-tjk-2013", "cbr-tjk-2014", "cbr-tjk-2017"])]
    trace = transfers_by_year(full_years_from_russia(tajik), drawing()).data[0]
    years = [None if when is None else when.year for when in trace.x]
    assert years == [2013, 2014, None, 2017]


def test_work_entries_are_crossings_grouped_by_period():
    figure = work_entries(counted_work_entries({"migrant_workers": load("migrant_workers")}, {}), drawing())
    uzbek = next(trace for trace in figure.data if trace.name == "Uzbekistan")
    assert list(uzbek.x) == ["Jan–Jun 2019", "2022", "Jan–Mar 2023"]  # a whole year is its year
    assert decoded(uzbek.y) == [918000, 1450000, 630859]
    # Jan-Sep 2018's 1,573,791 counts people who entered for work, as the source counts them: not a crossing
    assert 1573791 not in decoded(uzbek.y)
    assert "border crossings" in figure.layout.yaxis.title.text


def test_each_bar_s_figure_is_drawn_at_its_full_size_or_left_to_the_tooltip_on_a_narrow_phone():
    """Five countries in three periods leave a laptop's bars narrow: a figure like "about 918k" is turned up
    its bar, never shrunk to fit across it, and the axis rises so that the longest ends inside the plot. A phone's
    bars are too narrow even for that: the figures are in the tooltip and the table."""
    entries = counted_work_entries({"migrant_workers": load("migrant_workers")}, {})
    page = work_entries(entries, drawing())
    uzbek = next(trace for trace in page.data if trace.name == "Uzbekistan")
    assert uzbek.textposition == "outside" and uzbek.textangle == -90 and uzbek.constraintext == "none"
    assert "about 918k" in list(uzbek.text)
    top, highest = page.layout.yaxis.range[1], max(decoded(uzbek.y))  # "1,450k", in a plot 240 px tall or more
    assert (top - highest) / top * 240 >= len("1,450k") * 7
    phone = work_entries(entries, drawing(look=Look(phone=True)))
    assert {trace.textposition for trace in phone.data} == {"none"}
    assert all(trace.hovertext for trace in phone.data)


def test_the_money_page_filters_recipients_from_the_url():
    app = open_page("pages/money.py", to="TJK")
    assert app.title[0].value == "Money and migrants"
    assert set(app.dataframe[0].value["to_country"]) == {"TJK"}


def test_shares_of_gdp_are_dots_per_dated_figure_with_approximations_marked():
    figure = share_of_gdp(dated_shares_of_gdp({"remittances": load("remittances")}, {}), drawing())
    tajik = next(trace for trace in figure.data if trace.name == "Tajikistan")
    assert tajik.mode == "markers"  # different publications, years apart: never joined into a line
    assert list(decoded(tajik.x)) == [
        2008, 2008, 2010, 2010, 2011, 2012, 2013, 2013, 2018, 2018, 2021, 2022, 2024, 2024, 2024]
    assert list(decoded(tajik.y)) == [
        50.0, 49.0, 31.0, 45.5, 47.0, 48.0, 52.0, 49.0, 30.0, 32.2, 34.5, 51.0, 45.0, 45.3, 45.4]
    # 2008: the World Bank's 'as high as 50 percent' beside the National Bank of Tajikistan's 49%, both kept as the
    # reports disagree. The World Bank's 2008 and KNOMAD's 2018 'about 32.2 percent': ringed dots, and the
    # qualifiers as the sources wrote them
    assert list(tajik.marker.symbol) == ["circle-open-dot", *["circle"] * 8, "circle-open-dot", *["circle"] * 5]
    assert [hover.split("</b>")[0].split(": ")[1] for hover in tajik.hovertext] == [
        "as high as 50% of GDP", "49% of GDP", "31% of GDP", "45.5% of GDP", "47% of GDP", "48% of GDP", "52% of GDP",
        "49% of GDP", "30% of GDP", "about 32.2% of GDP", "34.5% of GDP", "51% of GDP", "45% of GDP", "45.3% of GDP",
        "45.4% of GDP"]
    kyrgyz = next(trace for trace in figure.data if trace.name == "Kyrgyzstan")
    assert "almost 33% of GDP" in " ".join(kyrgyz.hovertext)  # the source's 'почти', glossed
    assert ("World Bank (2008, 2010, 2011, 2012, 2013, 2018, 2020, 2021, 2022, 2023, 2024); "
            "National Bank of Tajikistan (Malokhat Kholikzoda) (2008); KNOMAD (2018)") in figure.layout.title.text
    assert "ringed: a figure its source qualifies, with words such as about or as high as" in figure.layout.title.text


def test_figures_without_a_year_are_left_off_the_chart():
    shares = dated_shares_of_gdp({"remittances": load("remittances")}, {})
    assert "wb-tjk-gdp-2024" in set(shares["figure_id"])
    assert not {"wb-uzb-gdp-prev-year", "adbwb-tjk-gdp", "wb-kgz-gdp-2021-brief"} & set(shares["figure_id"])


def test_the_money_page_shows_the_share_of_gdp_chart_with_its_rows():
    app = open_page("pages/money.py")
    assert "Remittances as a share of GDP" in [header.value for header in app.subheader]
    tables = [frame.value for frame in app.dataframe]
    assert any(set(table.get("measure", [])) == {"remittances_share_of_gdp"} and len(table) == 29 for table in tables)
