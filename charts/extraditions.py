"""Extraditions and deportations: where each case stands, and the dated steps where sources give them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.series import date_in_words, drawn
from charts.spec import Chosen, Drawing, Frames
from charts.text import plain, wrapped

STATUS_LABELS = {
    "extradited": "Extradited", "deported": "Deported", "pending": "Pending", "stuck_in_transit_zone":
    "Stuck in a transit zone", "released": "Released", "refused": "Extradition refused", "unknown": "Not reported",
}
STEPS = {"date_left_home": "Left home country", "date_detained": "Detained", "date_decided": "Decision",
         "date_returned": "Handed over"}


def cases_shown(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """The cases at the chosen statuses, held by the chosen countries."""
    cases = tables["extraditions"]
    return cases[cases["status"].isin(chosen["status"]) & cases["from_country"].isin(chosen["held_by"])]


def cases_by_status(cases: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """How many cases stand at each status, split by asylum status: a bar per status, stacked. A case two reports
    describe is counted once, by the row the other names (`same_as`)."""
    cases = drawn(cases)
    figure = go.Figure()
    statuses = [label for key, label in STATUS_LABELS.items() if key in set(cases["status"])]
    for asylum, group in cases.groupby("asylum_status"):
        counts = group["status"].map(STATUS_LABELS).value_counts().reindex(statuses, fill_value=0)
        people = group.groupby(group["status"].map(STATUS_LABELS))["person"].apply(
            lambda names: "<br>".join(plain(name) for name in names)).reindex(statuses, fill_value="")
        figure.add_trace(go.Bar(
            y=counts.index, x=counts.values, orientation="h", name=f"Asylum: {asylum.replace('_', ' ')}",
            marker={"color": drawing.palette.asylum[asylum]}, hovertext=people.values, hoverinfo="text+name",
        ))
    figure.update_layout(
        barmode="stack", height=220 + 40 * len(statuses),
        title={"text": f"{len(cases)} cases: where each stands<br><sup>Cases as last reported, coloured by the "
                       "person's asylum status</sup>"},
        xaxis={"title": "Cases", "dtick": 1}, yaxis={"title": None, "autorange": "reversed"},
    )
    return figure


STEP_SYMBOLS = {"date_left_home": "triangle-right", "date_detained": "square", "date_decided": "diamond",
                "date_returned": "circle"}


def case_steps(cases: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Each case with reported dates as a row of its steps, from leaving home to being handed over, one symbol per
    kind of step. Only a person's own dated steps are joined; people with no dated step anywhere are named in the
    subtitle, not placed."""
    cases = drawn(cases)
    dated = cases[cases[list(STEPS)].notna().any(axis=1)]
    undated = sorted(set(cases["person"]) - set(dated["person"]))
    figure = go.Figure()
    for row in dated.itertuples():
        figure.add_trace(go.Scatter(
            x=[getattr(row, column) for column in STEPS if pd.notna(getattr(row, column))],
            y=[plain(row.person)] * int(sum(pd.notna(getattr(row, column)) for column in STEPS)),
            mode="lines", line={"color": drawing.palette.faint, "dash": "dot"}, showlegend=False, hoverinfo="skip",
        ))
    for column, label in STEPS.items():
        step = dated[dated[column].notna()]
        figure.add_trace(go.Scatter(
            x=step[column], y=[plain(person) for person in step["person"]], mode="markers", name=label,
            marker={"size": 13, "symbol": STEP_SYMBOLS[column], "color": drawing.palette.marks},
            hovertext=[f"{plain(person)}: {label.lower()}, {date_in_words(when, precision)}"
                       f"{'' if precision == 'day' else f' ({precision} only)'}"
                       for person, when, precision in zip(step["person"], step[column],
                                                          step.get(f"{column}_precision", ["day"] * len(step)),
                                                          strict=True)], hoverinfo="text",
        ))
    figure.update_layout(
        height=260 + 60 * max(dated["person"].nunique(), 1), xaxis={"title": None},
        yaxis={"title": None},
        title={"text": "Dated steps, where sources give them<br><sup>"
                       + wrapped("No dates reported for: " + (", ".join(undated) or "none"), 110) + "</sup>"},
    )
    return figure
