"""Source lines under charts and cards: publisher and title linked to the page, escaped so CSV text stays text."""

from __future__ import annotations

import re
from urllib.parse import quote

import pandas as pd

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape_markdown(text: object) -> str:
    """CSV text shown literally by st.markdown/st.caption: no links, emphasis, LaTeX ($) or colour directives."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", "" if text is None else str(text))


def safe_link(url: str) -> str | None:
    """Only http(s) addresses become links; spaces and parentheses are encoded so they cannot end the link."""
    if not re.match(r"^https?://", url or ""):
        return None
    return quote(url, safe=":/?#[]@!$&'*+,;=%~")


def cited(source_ids, sources: pd.DataFrame) -> pd.DataFrame:
    """The source rows for some ids, in first-cited order, without repeats."""
    wanted = list(dict.fromkeys(source_id for source_id in source_ids if source_id))
    known = set(sources["source_id"])  # once, not once per cited id: it was a sixth of the overview's rerun
    return sources.set_index("source_id").loc[[s for s in wanted if s in known]].reset_index()


def source_markdown(source_ids, sources: pd.DataFrame, one_per_line: bool = False) -> str:
    """'Sources: Publisher, Title; ...' with each title linked to its page (or a bulleted list, one per line)."""
    parts = []
    for row in cited(source_ids, sources).itertuples():
        label = f"{escape_markdown(row.publisher)}, {escape_markdown(row.title)}"
        link = safe_link(row.url) if isinstance(row.url, str) else None
        parts.append(f"[{label}]({link})" if link else label)
    if one_per_line:
        return "\n".join(f"- {part}" for part in parts)
    prefix = "Source" if len(parts) == 1 else "Sources"
    return f"{prefix}: " + "; ".join(parts) if parts else ""


def source_plain(source_ids, sources: pd.DataFrame, most: int = 3) -> str:
    """The publishers as one short plain line, for burning into an exported image."""
    publishers = list(dict.fromkeys(cited(source_ids, sources)["publisher"].astype(str)))
    if len(publishers) > most:
        shown = ", ".join(publishers[:most])
        return f"Sources: {shown} and {len(publishers) - most} more (all listed in Borderlines' Data & sources page)"
    return ("Source: " if len(publishers) == 1 else "Sources: ") + "; ".join(publishers)
