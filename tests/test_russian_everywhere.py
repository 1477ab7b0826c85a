"""Every page in Russian, as AppTest renders it, with no English interface text left: a text that is an English
message the catalogs translate, or a sentence built of English words, fails and is named with its page. Quotes,
source lines and addresses stay in their own language and are left out; so are proper names (no English function
word is in one)."""

from __future__ import annotations

import json
import re

import pytest

from catalog import load
from i18n import __main__ as translators
from i18n import speaking
from tests.conftest import REPO, open_page

PAGES = sorted(f"pages/{path.name}" for path in (REPO / "pages").glob("*.py"))
# Words an English sentence cannot do without, and that no proper name or source title we show outside a source line
# uses.
ENGLISH_GLUE = {"the", "and", "of", "to", "in", "for", "from", "with", "by", "on", "at", "is", "are", "was", "were",
                "this", "these", "that", "not", "no", "all", "each", "every", "more", "than", "which", "who", "its",
                "their", "has", "have", "been", "be", "or", "an", "as", "per", "only", "here", "there", "page", "chart"}
# Left in their own language: quotes, a source's title as its link, addresses, field names as code.
QUOTED = re.compile(r"`[^`]*`|“[^”]*”|«[^»]*»|\"[^\"]*\"|<i>.*?</i>|\[(?:[^\]\\]|\\.)*\]\([^)]*\)|https?://\S+")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def english_messages() -> set[str]:
    """Every message the code shows that Russian translates into something else."""
    messages = set()
    for domain in translators.DOMAINS:
        for message in translators.read("ru", domain):
            if message.id and isinstance(message.id, str) and message.string and message.string != message.id:
                messages.add(message.id)
    return messages


def figure_texts(spec: str) -> list[str]:
    figure = json.loads(spec)
    layout = figure.get("layout", {})
    texts = [layout.get("title", {}).get("text", "")]
    texts += [note.get("text", "") for note in layout.get("annotations", [])]
    for axis, value in layout.items():
        if axis.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
            texts.append((value.get("title") or {}).get("text", ""))
            texts += [str(tick) for tick in value.get("ticktext", [])]
    texts += [trace.get("name", "") for trace in figure.get("data", []) if trace.get("showlegend", True)]
    return [re.sub(r"<[^>]+>", " ", text or "") for text in texts]


def visible_texts(node) -> list[str]:
    """What a reader reads in an AppTest tree: headings, prose, notices, widget labels and options, tab labels,
    buttons, and the chart's own text. Source lines (captions naming sources) and code (embed snippets) are left."""
    texts: list[str] = []
    kind = getattr(node, "type", "")
    proto = getattr(node, "proto", None)
    if kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success"):
        texts.append(str(node.value))
    if kind in ("selectbox", "multiselect", "radio", "text_input", "toggle", "button", "download_button", "tab",
                "expander", "popover", "button_group", "date_input", "number_input", "checkbox", "metric"):
        texts.append(str(getattr(node, "label", "") or getattr(proto, "label", "")))
        texts += [str(option) for option in getattr(proto, "options", []) if isinstance(option, str)]
        texts.append(str(getattr(proto, "placeholder", "") or ""))
    if kind == "plotly_chart":
        texts += figure_texts(proto.spec)
    for child in getattr(node, "children", {}).values():
        texts += visible_texts(child)
    return [text for text in texts if text.strip()]


def source_names() -> list[str]:
    """Publishers and titles, which source lines give as they are published: longest first."""
    sources = load("sources")
    names = {str(name) for column in ("publisher", "title") for name in sources[column].dropna()}
    return sorted(names, key=len, reverse=True)


def english_left(texts: list[str], messages: set[str]) -> list[str]:
    left = []
    names = source_names()
    for text in texts:
        if text.strip() in messages:
            left.append(text)
            continue
        bare = re.sub(r"\\(.)", r"\1", text)  # markdown's escapes
        for name in names:
            bare = bare.replace(name, " ")
        bare = QUOTED.sub(" ", bare)
        words = {word.lower() for word in LATIN_WORD.findall(bare)}
        if len(words & ENGLISH_GLUE) >= 2:
            left.append(text)
    return left


@pytest.mark.parametrize("page", PAGES)
def test_a_russian_page_has_no_english_interface_text(page):
    app = open_page(page, lang="ru")
    with speaking("ru"):
        left = english_left(visible_texts(app._tree), english_messages())
    assert left == [], "\n".join(left)
