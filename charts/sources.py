"""Source lines: which publications a chart's rows come from, as the plain line burned into an exported picture and
as the linked Markdown line under a chart on a page. Every rendering of a chart takes its sources from here."""

from __future__ import annotations

import pandas as pd

from charts.text import escape_markdown, safe_link
from i18n import _, ngettext

UNKNOWN_PUBLISHER = "[unknown]"


def cited(source_ids, sources: pd.DataFrame) -> pd.DataFrame:
    """The source rows for some ids, in first-cited order, without repeats."""
    wanted = list(dict.fromkeys(source_id for source_id in source_ids if isinstance(source_id, str) and source_id))
    known = set(sources["source_id"])  # once, not once per cited id: it was a sixth of the overview's rerun
    return sources.set_index("source_id").loc[[s for s in wanted if s in known]].reset_index()


def publisher_name(publisher: object) -> str:
    """A publisher as readers see it: sources.csv writes "[unknown]" where the article does not say who
    published it."""
    return _("unnamed publisher") if publisher == UNKNOWN_PUBLISHER else str(publisher)


def source_plain(source_ids, sources: pd.DataFrame, most: int = 3) -> str:
    """The publishers as one short plain line, for burning into an exported image."""
    publishers = list(dict.fromkeys(map(publisher_name, cited(source_ids, sources)["publisher"])))
    if len(publishers) > most:
        shown = ", ".join(publishers[:most])
        return ngettext("Sources: {shown} and {count} more (all listed in Borderlines' Data & sources page)",
                        "Sources: {shown} and {count} more (all listed in Borderlines' Data & sources page)",
                        len(publishers) - most).format(shown=shown, count=len(publishers) - most)
    return (_("Source: {publishers}") if len(publishers) == 1 else _("Sources: {publishers}")).format(
        publishers="; ".join(publishers))


def source_markdown(source_ids, sources: pd.DataFrame, one_per_line: bool = False) -> str:
    """'Sources: Publisher, Title; ...' with each title linked to its page (or a bulleted list, one per line)."""
    parts = []
    for row in cited(source_ids, sources).itertuples():
        label = f"{escape_markdown(publisher_name(row.publisher))}, {escape_markdown(row.title)}"
        link = safe_link(row.url) if isinstance(row.url, str) else None
        parts.append(f"[{label}]({link})" if link else label)
    if one_per_line:
        return "\n".join(f"- {part}" for part in parts)
    if not parts:
        return ""
    return (_("Source: {publishers}") if len(parts) == 1 else _("Sources: {publishers}")).format(
        publishers="; ".join(parts))
