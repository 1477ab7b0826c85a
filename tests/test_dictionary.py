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
