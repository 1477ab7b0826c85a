"""The Extraditions page: every case by status, dated steps only where sources give them."""


from catalog import load
from charts.extraditions import case_steps, cases_by_status
from tests.conftest import open_page
from tests.figures import decoded, drawing


def test_every_case_is_counted_once_by_status():
    cases = load("extraditions")
    figure = cases_by_status(cases, drawing())
    # a second report of a case (same_as) is not a case of its own
    assert sum(sum(decoded(trace.x)) for trace in figure.data) == len(cases[cases["same_as"].isna()])


def test_only_people_without_any_dated_step_are_listed_as_undated():
    figure = case_steps(load("extraditions"), drawing())
    subtitle = figure.layout.title.text
    assert "Mikhail Zhilin" not in subtitle  # one of his two rows has dates
    assert "Mansur Movlaev" in subtitle
    placed = {y for trace in figure.data if trace.mode == "markers" for y in trace.y}
    # Yulia Yemelyanova left Russia in July 2022: a step dated to its month
    assert placed == {"Mikhail Zhilin", "Nikita Kislitsin", "Yulia Yemelyanova"}


def test_a_status_filter_in_the_url_narrows_the_cases():
    app = open_page("pages/extraditions.py", status="deported")
    cases = load("extraditions")
    deported = cases[cases["status"] == "deported"]
    assert app.title[0].value == "Extraditions"
    assert set(app.dataframe[0].value["person"]) == set(deported["person"])
    assert app.get("download_button")[0].proto.label == f"Download these {len(deported)} rows (CSV)"
