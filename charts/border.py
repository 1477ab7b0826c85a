"""The Kazakhstan-Russia border as each source measures it: the length and the crossing points sources give, side
by side, because they disagree."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.series import date_in_words, drawn, figure_in_words, quoted
from charts.spec import Chosen, Drawing, Frames
from charts.text import plain


def border_lengths(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    facts = tables["border_facts"]
    return facts[facts["measure"] == "length_km"]


def publisher_of(source_id: str, sources: pd.DataFrame) -> str:
    found = sources.loc[sources["source_id"] == source_id, "publisher"]
    return str(found.iloc[0]) if len(found) and isinstance(found.iloc[0], str) else "A page with no named publisher"


def length_hover(label: str, row) -> str:
    when = f"<br>as of {date_in_words(row.period_end, row.end_precision)}" if pd.notna(row.period_end) else ""
    who = f"<br>stated by {plain(row.stated_by)}" if isinstance(row.stated_by, str) else ""
    return f"<b>{label}: {plain(figure_in_words(row.value, row.qualifier))} km</b>{when}{who}{quoted(row)}"


def lengths_by_source(lengths: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """One dot per length a source gives, longest on top, each labelled with who gave it and as they gave it
    ('more than 7,800 km'); a length two sources give is one dot that names both."""
    sources = drawing.tables["sources"]
    shown = drawn(lengths).sort_values("value")
    also = {figure: [publisher_of(row.source_id, sources) for row in lengths.itertuples() if row.same_as == figure]
            for figure in shown["figure_id"]}
    labels = [plain(publisher_of(row.source_id, sources) + "".join(f" and {other}" for other in also[row.figure_id]))
              for row in shown.itertuples()]
    ink = drawing.palette.marks
    figure = go.Figure(go.Scatter(
        x=shown["value"], y=labels, mode="markers+text", marker={"size": 13, "color": ink},
        text=[plain(figure_in_words(row.value, row.qualifier)) + " km" for row in shown.itertuples()],
        textposition="middle right",
        hovertext=[length_hover(label, row) for label, row in zip(labels, shown.itertuples(), strict=True)],
        hoverinfo="text",
        showlegend=False,
    ))
    figure.update_layout(
        height=160 + 34 * len(shown), xaxis={"title": "Kilometres", "range": [6000, 8600]}, yaxis={"title": None},
        title={"text": f"How long is the border? {len(shown)} answers<br><sup>The Kazakhstan–Russia border as each "
                       "source gives it; no figure is ours</sup>"},
    )
    return figure
