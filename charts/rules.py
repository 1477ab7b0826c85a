"""When each entry rule applied: one bar per rule, from the day it took effect to the day it ended."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.series import date_ticks
from charts.spec import Chosen, Drawing, Frames
from charts.text import plain, wrapped
from i18n import ENGLISH, N_, _, language, ngettext
from i18n.formats import date_at

# How a rule's dates are written in English; other languages write them as i18n.formats.date_at does.
PRECISION_FORMATS = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}

# Messages: shown through `_()`.
RULE_KIND_LABELS = {
    "stay_limit": N_("Stay limit"),
    "registration": N_("Registration"),
    "entry_procedure": N_("Entry procedure"),
    "entry_suspension": N_("Entry suspension"),
    "visa_bond": N_("Visa bond"),
}


def rule_date(when: pd.Timestamp, precision: str) -> str:
    """A rule's date at a precision: '01 Jan 2024', 'Jan 2024', '2024' (in Russian '1 января 2024 г.', 'январь
    2024')."""
    if language() == ENGLISH:
        return when.strftime(PRECISION_FORMATS[precision])
    return date_at(when, precision)


def us_rules_in_force(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """The United States' entry restrictions, as a table."""
    rules = tables["entry_rules"]
    return rules.loc[rules["country"] == "USA", ["applies_to", "rule_kind", "effective_date", "date_precision",
                                                 "end_date", "end_date_precision", "summary", "quote", "source_id"]]


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
        labels = [f"{plain(country_names.get(country, country))}: {_(RULE_KIND_LABELS[kind])}"
                  f" ({rule_date(start, 'month' if precision == 'day' else precision)})"
                  for kind, start, precision in zip(group["rule_kind"], group["effective_date"],
                                                    group["date_precision"], strict=True)]
        end_precisions = group.get("end_date_precision", pd.Series("day", index=group.index)).fillna("day")
        quotes = group.get("quote", pd.Series(None, index=group.index, dtype=object))
        hover = [f"<b>{label}</b><br>"
                 + (_("from {start} (still in force)").format(start=rule_date(start, precision)) if pd.isna(end) else
                    _("from {start} to {end}").format(start=rule_date(start, precision),
                                                      end=rule_date(end, end_precision)))
                 + f"<br>{wrapped(summary)}{quoted_sentence(sentence)}"
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
        title={"text": ngettext("{count} entry rule, {start} to {end}", "{count} entry rules, {start} to {end}",
                                len(rules)).format(count=len(rules), start=f"{ordered['effective_date'].min():%Y}",
                                                   end=f"{today:%Y}")
               + "<br><sup>" + _("Each bar runs from the day a rule took effect to the day it ended, or to today")
               + "</sup>"},
        xaxis={"type": "date", "title": None}, yaxis={"title": None, "autorange": "reversed"},
    )
    return date_ticks(figure, ordered["effective_date"].min(), max(ordered["end_date"].max(), today)
                      if ordered["end_date"].notna().any() else today, drawing.look.phone)
