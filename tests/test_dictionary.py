"""data/README.md is the staff's data dictionary; it must say exactly what the schemas enforce."""

from catalog import DATASETS
from catalog.dictionary import render_dictionary
from tests.conftest import DATA


def test_the_committed_dictionary_matches_the_schemas():
    committed = (DATA / "README.md").read_text(encoding="utf-8")
    assert committed == render_dictionary(), "data/README.md is stale: run `make dictionary`"


def test_every_dataset_and_column_is_documented():
    text = render_dictionary()
    for dataset in DATASETS.values():
        assert f"(`{dataset.filename}`)" in text
        for spec in dataset.columns:
            assert f"| `{spec.name}` | {spec.rule_summary()} | {spec.description} |" in text


def test_every_csv_in_data_is_a_registered_dataset():
    assert {path.stem for path in DATA.glob("*.csv")} == set(DATASETS)


def test_each_dataset_table_renders_with_a_row_per_column():
    """A blank line inside a markdown table ends it: the columns would show as a paragraph of pipes."""
    from markdown_it import MarkdownIt

    html = MarkdownIt().enable("table").render(render_dictionary())
    tables = html.split("<table>")[1:]
    assert len(tables) == len(DATASETS)
    for table, dataset in zip(tables, DATASETS.values(), strict=True):
        assert table.count("<tr>") == len(dataset.columns) + 1, dataset.name


def test_each_rule_across_columns_names_its_columns():
    """The same rule can hold for two pairs of columns (a precision for each date): staff must see which."""
    text = render_dictionary()
    for dataset in DATASETS.values():
        for rule in dataset.row_rules:
            assert f"- {rule.description} ({', '.join(f'`{column}`' for column in rule.columns)})\n" in text
