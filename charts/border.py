"""The Kazakhstan-Russia border as each source measures it: the length and the crossing points sources give, side
by side, because they disagree."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.series import date_in_words, drawn, figure_in_words, quoted
from charts.spec import Chosen, Drawing, Frames
from charts.text import plain
from i18n import _, ngettext


def border_lengths(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    facts = tables["border_facts"]
    return facts[facts["measure"] == "length_km"]


def publisher_of(source_id: str, sources: pd.DataFrame) -> str:
    found = sources.loc[sources["source_id"] == source_id, "publisher"]
    return str(found.iloc[0]) if len(found) and isinstance(found.iloc[0], str) else _("A page with no named publisher")


def length_hover(label: str, row) -> str:
    when = ("<br>" + _("as of {date}").format(date=date_in_words(row.period_end, row.end_precision))
            if pd.notna(row.period_end) else "")
    who = "<br>" + _("stated by {who}").format(who=plain(row.stated_by)) if isinstance(row.stated_by, str) else ""
    length = _("{length} km").format(length=plain(figure_in_words(row.value, row.qualifier)))
    return f"<b>{label}: {length}</b>{when}{who}{quoted(row)}"


def lengths_by_source(lengths: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """One dot per length a source gives, longest on top, each labelled with who gave it and as they gave it
    ('more than 7,800 km'); a length two sources give is one dot that names both."""
    sources = drawing.tables["sources"]
    shown = drawn(lengths).sort_values("value")
    also = {figure: [publisher_of(row.source_id, sources) for row in lengths.itertuples() if row.same_as == figure]
            for figure in shown["figure_id"]}
    labels = [plain(both(publisher_of(row.source_id, sources), also[row.figure_id])) for row in shown.itertuples()]
    ink = drawing.palette.marks
    figure = go.Figure(go.Scatter(
        x=shown["value"], y=labels, mode="markers+text", marker={"size": 13, "color": ink},
        text=[_("{length} km").format(length=plain(figure_in_words(row.value, row.qualifier)))
              for row in shown.itertuples()],
        textposition="middle right",
        hovertext=[length_hover(label, row) for label, row in zip(labels, shown.itertuples(), strict=True)],
        hoverinfo="text",
        showlegend=False,
    ))
    figure.update_layout(
        height=160 + 34 * len(shown), xaxis={"title": _("Kilometres"), "range": [6000, 8600]},
        yaxis={"title": None},
        title={"text": ngettext("How long is the border? {count} answer", "How long is the border? {count} answers",
                                len(shown)).format(count=len(shown))
               + "<br><sup>" + _("The Kazakhstan–Russia border as each source gives it; no figure is ours") + "</sup>"},
    )
    return figure


def both(publisher: str, others: list[str]) -> str:
    """'Kazinform and Tengrinews': who gave a length, and who else gave the same."""
    for other in others:
        publisher = _("{first} and {second}").format(first=publisher, second=other)
    return publisher
