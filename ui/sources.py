"""Source lines under charts and cards: publisher and title linked to the page, escaped so CSV text stays text."""

from __future__ import annotations

import re
from urllib.parse import quote

import pandas as pd

from charts.text import cited, publisher_name

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: object) -> str:
    """CSV text shown literally by st.markdown/st.caption: no links, emphasis, LaTeX ($) or colour directives."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def safe_link(url: str) -> str | None:
    """Only http(s) addresses become links; spaces and parentheses are encoded so they cannot end the link."""
    if not re.match(r"^https?://", url or ""):
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~")


def source_markdown(source_ids, sources: pd.DataFrame, one_per_line: bool = False) -> str:
    """'Sources: Publisher, Title; ...' with each title linked to its page (or a bulleted list, one per line)."""
    parts = []
    for row in cited(source_ids, sources).itertuples():
        label = f"{escape_markdown(publisher_name(row.publisher))}, {escape_markdown(row.title)}"
        link = safe_link(row.url) if isinstance(row.url, str) else None
        parts.append(f"[{label}]({link})" if link else label)
    if one_per_line:
        return "\n".join(f"- {part}" for part in parts)
    prefix = "Source" if len(parts) == 1 else "Sources"
    return f"{prefix}: " + "; ".join(parts) if parts else ""
