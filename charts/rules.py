"""When each entry rule applied: one bar per rule, from the day it took effect to the day it ended."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.spec import Chosen, Drawing, Frames
from charts.text import plain, wrapped

PRECISION_FORMATS = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}

RULE_KIND_LABELS = {
    "stay_limit": "Stay limit",
    "registration": "Registration",
    "entry_procedure": "Entry procedure",
    "entry_suspension": "Entry suspension",
    "visa_bond": "Visa bond",
}


def us_rules_in_force(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """The United States' entry restrictions, as a table."""
    rules = tables["entry_rules"]
    return rules.loc[rules["country"] == "USA", ["applies_to", "rule_kind", "effective_date", "end_date", "summary",
                                                 "quote", "source_id"]]


def quoted_sentence(sentence: object) -> str:
    return f"<br><i>“{wrapped(sentence, 70)}”</i>" if isinstance(sentence, str) and sentence else ""


def rules_timeline(rules: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Horizontal bars per rule, coloured by the country that sets it; rules still in force run to the day the
    chart is drawn and say so, since no end date has been announced."""
    country_names, today = drawing.names, drawing.today
    ordered = rules.sort_values(["country", "effective_date"])
    figure = go.Figure()
    for country, group in ordered.groupby("country", sort=False):
        ends = group["end_date"].fillna(today)
        labels = [f"{plain(country_names.get(country, country))}: {RULE_KIND_LABELS[kind]}"
                  f" ({start.strftime(PRECISION_FORMATS['month' if precision == 'day' else precision])})"
                  for kind, start, precision in zip(group["rule_kind"], group["effective_date"],
                                                    group["date_precision"], strict=True)]
        end_precisions = group.get("end_date_precision", pd.Series("day", index=group.index)).fillna("day")
        quotes = group.get("quote", pd.Series(None, index=group.index, dtype=object))
        hover = [f"<b>{label}</b><br>from {start.strftime(PRECISION_FORMATS[precision])} "
                 f"{'(still in force)' if pd.isna(end) else 'to ' + end.strftime(PRECISION_FORMATS[end_precision])}"
                 f"<br>{wrapped(summary)}{quoted_sentence(sentence)}"
                 for label, start, precision, end, end_precision, summary, sentence
                 in zip(labels, group["effective_date"], group["date_precision"], group["end_date"], end_precisions,
                        group["summary"], quotes, strict=True)]
        figure.add_trace(go.Bar(
            y=labels, base=group["effective_date"], x=(ends - group["effective_date"]).dt.days * 86_400_000,
            orientation="h", name=plain(country_names.get(country, country)),
            marker={"color": drawing.palette.country(country)}, hovertext=hover, hoverinfo="text",
        ))
    figure.update_layout(
        barmode="overlay", height=260 + 34 * len(rules),
        title={"text": f"{len(rules)} entry rules, {ordered['effective_date'].min():%Y} to {today:%Y}"
                       "<br><sup>Each bar runs from the day a rule took effect to the day it ended, or to today</sup>"},
        xaxis={"type": "date", "title": None}, yaxis={"title": None, "autorange": "reversed"},
    )
    return figure
