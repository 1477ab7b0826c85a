"""Source lines: linked, short, and safe whatever the CSV says."""

import pandas as pd

from charts.sources import source_markdown, source_plain
from charts.text import escape_markdown, safe_link

SOURCES = pd.DataFrame({
    "source_id": ["rferl", "evil", "seed"],
    "publisher": ["RFE/RL", "Evil [x](javascript:alert(1)) $x$ :red[boo]", "[unknown]"],
    "title": ["200,000 Russians", "<script>alert(1)</script>", "A seed article"],
    "url": ["https://www.rferl.org/a/1.html", "javascript:alert(1)", None],
})


def test_a_source_line_links_publisher_and_title_to_the_page():
    assert source_markdown(["rferl"], SOURCES) == "Source: [RFE/RL, 200,000 Russians](https://www.rferl.org/a/1.html)"


def test_markdown_links_latex_and_colour_directives_in_csv_text_are_escaped():
    line = source_markdown(["evil"], SOURCES)
    assert "javascript" in line and "](javascript" not in line.replace("\\]", "")
    assert "\\$x\\$" in line and "\\:red\\[boo\\]" in line
    assert "\\<script\\>" in line


def test_only_web_addresses_become_links():
    assert safe_link("javascript:alert(1)") is None
    assert safe_link("https://example.org/a (b)") == "https://example.org/a%20%28b%29"


def test_repeated_sources_are_listed_once_in_first_cited_order():
    line = source_markdown(["seed", "rferl", "seed"], SOURCES)
    assert line.startswith("Sources: unnamed publisher, A seed article; [")


def test_image_source_lines_stay_short():
    many = pd.DataFrame({"source_id": list("abcde"), "publisher": list("ABCDE"), "title": list("abcde"),
                         "url": [None] * 5})
    assert source_plain(list("abcde"), many) == \
        "Sources: A, B, C and 2 more (all listed in Borderlines' Data & sources page)"
    assert escape_markdown("a_b*c") == "a\\_b\\*c"


def test_a_source_without_a_named_publisher_says_so_in_words():
    assert source_plain(["seed", "rferl"], SOURCES) == "Sources: unnamed publisher; RFE/RL"
