"""Extraditions and deportations: where each case stands, and the dated steps where sources give them."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.series import date_in_words, date_ticks, drawn, precision_only
from charts.spec import Chosen, Drawing, Frames
from charts.text import plain, wrapped
from i18n import N_, _, ngettext

# Messages: shown through `_()`.
STATUS_LABELS = {
    "extradited": N_("Extradited"), "deported": N_("Deported"), "pending": N_("Pending"), "stuck_in_transit_zone":
    N_("Stuck in a transit zone"), "released": N_("Released"), "refused": N_("Extradition refused"),
    "unknown": N_("Not reported"),
}
STEPS = {"date_left_home": N_("Left home country"), "date_detained": N_("Detained"), "date_decided": N_("Decision"),
         "date_returned": N_("Handed over")}
# A person's asylum status, in the legend (messages: shown through `_()`).
ASYLUM_LABELS = {"granted": N_("Asylum: granted"), "pending": N_("Asylum: pending"), "refused": N_("Asylum: refused"),
                 "not_sought": N_("Asylum: not sought"), "unknown": N_("Asylum: unknown")}


def cases_shown(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """The cases at the chosen statuses, held by the chosen countries."""
    cases = tables["extraditions"]
    return cases[cases["status"].isin(chosen["status"]) & cases["from_country"].isin(chosen["held_by"])]


def cases_by_status(cases: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """How many cases stand at each status, split by asylum status: a bar per status, stacked. A case two reports
    describe is counted once, by the row the other names (`same_as`)."""
    cases = drawn(cases)
    figure = go.Figure()
    labels = {key: _(label) for key, label in STATUS_LABELS.items()}
    statuses = [label for key, label in labels.items() if key in set(cases["status"])]
    for asylum, group in cases.groupby("asylum_status"):
        counts = group["status"].map(labels).value_counts().reindex(statuses, fill_value=0)
        people = group.groupby(group["status"].map(labels))["person"].apply(
            lambda names: "<br>".join(plain(name) for name in names)).reindex(statuses, fill_value="")
        figure.add_trace(go.Bar(
            y=counts.index, x=counts.values, orientation="h", name=asylum_in_words(asylum),
            marker={"color": drawing.palette.asylum[asylum]}, hovertext=people.values, hoverinfo="text+name",
        ))
    figure.update_layout(
        barmode="stack", height=220 + 40 * len(statuses),
        title={"text": ngettext("{count} case: where it stands", "{count} cases: where each stands",
                                 len(cases)).format(count=len(cases))
               + "<br><sup>" + _("Cases as last reported, coloured by the person's asylum status") + "</sup>"},
        xaxis={"title": _("Cases"), "dtick": 1}, yaxis={"title": None, "autorange": "reversed"},
    )
    return figure


def asylum_in_words(asylum: str) -> str:
    """'Asylum: not sought': a person's asylum status for the legend."""
    if asylum in ASYLUM_LABELS:
        return _(ASYLUM_LABELS[asylum])
    return _("Asylum: {status}").format(status=asylum.replace("_", " "))


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
    for column, step_label in STEPS.items():
        label = _(step_label)
        step = dated[dated[column].notna()]
        figure.add_trace(go.Scatter(
            x=step[column], y=[plain(person) for person in step["person"]], mode="markers", name=label,
            marker={"size": 13, "symbol": STEP_SYMBOLS[column], "color": drawing.palette.marks},
            hovertext=[f"{plain(person)}: {label.lower()}, {date_in_words(when, precision)}"
                       f"{precision_only(precision)}"
                       for person, when, precision in zip(step["person"], step[column],
                                                          step.get(f"{column}_precision", ["day"] * len(step)),
                                                          strict=True)], hoverinfo="text",
        ))
    figure.update_layout(
        height=260 + 60 * max(dated["person"].nunique(), 1), xaxis={"title": None},
        yaxis={"title": None},
        title={"text": _("Dated steps, where sources give them") + "<br><sup>"
                       + wrapped(_("No dates reported for: {people}").format(people=", ".join(undated) or _("none")),
                                 110) + "</sup>"},
    )
    days = dated[list(STEPS)].stack()
    return date_ticks(figure, days.min(), days.max(), drawing.look.phone) if len(days) else figure
