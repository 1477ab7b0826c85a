"""The README quotes BENCHMARKS.md, never an older run: every figure in its benchmark table, and every figure it
cites from a numbered section of `make bench`, is in BENCHMARKS.md (in that section), as written there."""

from __future__ import annotations

import re

from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
BENCHMARKS = (REPO / "BENCHMARKS.md").read_text(encoding="utf-8")
FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?(?:x| s| MB)?")


def written_in(figure: str, text: str) -> bool:
    return re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d])", text) is not None


def section(number: str) -> str:
    return re.search(rf"^## {number}\. .*?(?=^## |\Z)", BENCHMARKS, re.MULTILINE | re.DOTALL)[0]


def test_every_figure_in_the_readme_s_benchmark_table_is_in_benchmarks_md():
    part = README.split("\n## Benchmarks\n", 1)[1].split("\n## ", 1)[0]
    measured = [line.split("|")[3] for line in part.splitlines()
                if line.startswith("| ") and not line.startswith(("| what", "|---"))]
    assert len(measured) >= 7
    missing = [figure for cell in measured for figure in FIGURE.findall(cell) if not written_in(figure, BENCHMARKS)]
    assert missing == [], "figures the README quotes that BENCHMARKS.md does not hold"


def test_a_section_the_readme_cites_holds_the_figures_it_cites_from_it():
    cited = re.findall(r"`make bench` \(section (\d+)\)(.{0,160})", README.replace("\n", " "))
    assert cited
    for number, words in cited:
        figures = re.findall(r"\d+\.\d+ s", words)
        assert figures and all(written_in(figure, section(number)) for figure in figures), (number, figures)
