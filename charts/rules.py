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


# The hatching of a rule its source reports only as announced (plotly's pattern shapes).
ANNOUNCED_HATCH = "/"


def in_force_words(start: str, end: str | None, announced: bool) -> str:
    """'from 1 Jan 2025 (still in force)', or for a rule reported only as announced, 'announced to take effect on
    30 Jun 2025': the words claim no more than the source does."""
    if announced:
        return (_("announced to take effect on {start}").format(start=start) if end is None else
                _("announced to take effect on {start} and to end on {end}").format(start=start, end=end))
    return (_("from {start} (still in force)").format(start=start) if end is None else
            _("from {start} to {end}").format(start=start, end=end))


def legend_key(name: str, label: str, start: pd.Timestamp, marker: dict, group: str) -> go.Bar:
    """A legend entry that draws nothing (a bar of no length): the legend then shows each country's colour solid and
    the hatching once, instead of whichever look a country's first rule has."""
    return go.Bar(y=[label], base=[start], x=[0], orientation="h", name=name, marker=marker, legendgroup=group,
                  hoverinfo="skip")


def us_rules_in_force(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """The United States' entry restrictions, as a table."""
    rules = tables["entry_rules"]
    return rules.loc[rules["country"] == "USA", ["applies_to", "rule_kind", "effective_date", "date_precision",
                                                 "end_date", "end_date_precision", "reported_as", "summary", "quote",
                                                 "source_id"]]


def quoted_sentence(sentence: object) -> str:
    return f"<br><i>“{wrapped(sentence, 70)}”</i>" if isinstance(sentence, str) and sentence else ""


def rules_timeline(rules: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Horizontal bars per rule, coloured by the country that sets it; rules still in force run to the day the
    chart is drawn and say so, since no end date has been announced. A rule its source reports only as announced is
    hatched, and its hover says it was due to take effect, not that it did."""
    country_names, today = drawing.names, drawing.today
    ordered = rules.sort_values(["country", "effective_date"])
    figure = go.Figure()
    keys, any_announced = [], False  # each country's legend key: solid, whether its rules are hatched or not
    for country, group in ordered.groupby("country", sort=False):
        name, colour = plain(country_names.get(country, country)), drawing.palette.country(country)
        ends = group["end_date"].fillna(today)
        labels = [f"{name}: {_(RULE_KIND_LABELS[kind])}"
                  f" ({rule_date(start, 'month' if precision == 'day' else precision)})"
                  for kind, start, precision in zip(group["rule_kind"], group["effective_date"],
                                                    group["date_precision"], strict=True)]
        end_precisions = group.get("end_date_precision", pd.Series("day", index=group.index)).fillna("day")
        quotes = group.get("quote", pd.Series(None, index=group.index, dtype=object))
        announced = group.get("reported_as", pd.Series("in_force", index=group.index)) == "announced"
        hover = [f"<b>{label}</b><br>"
                 + in_force_words(rule_date(start, precision), None if pd.isna(end) else rule_date(end, end_precision),
                                  is_announced)
                 + f"<br>{wrapped(summary)}{quoted_sentence(sentence)}"
                 for label, start, precision, end, end_precision, is_announced, summary, sentence
                 in zip(labels, group["effective_date"], group["date_precision"], group["end_date"], end_precisions,
                        announced, group["summary"], quotes, strict=True)]
        figure.add_trace(go.Bar(
            y=labels, base=group["effective_date"], x=(ends - group["effective_date"]).dt.days * 86_400_000,
            orientation="h", name=name, legendgroup=country, showlegend=False,
            marker={"color": colour,
                    "pattern": {"shape": [ANNOUNCED_HATCH if is_announced else "" for is_announced in announced]}},
            hovertext=hover, hoverinfo="text",
        ))
        keys.append(legend_key(name, labels[0], group["effective_date"].iloc[0], {"color": colour}, country))
        any_announced = any_announced or announced.any()
    if any_announced:
        hatched = {"color": drawing.palette.muted_ink, "pattern": {"shape": ANNOUNCED_HATCH}}
        keys.append(legend_key(_("Announced only"), keys[0].y[0], keys[0].base[0], hatched, "announced"))
    figure.add_traces(keys)
    figure.update_layout(
        barmode="overlay", height=260 + 34 * len(rules),
        title={"text": ngettext("{count} entry rule, {start} to {end}", "{count} entry rules, {start} to {end}",
                                len(rules)).format(count=len(rules), start=f"{ordered['effective_date'].min():%Y}",
                                                   end=f"{today:%Y}")
               + "<br><sup>" + _("Each bar runs from the day a rule took effect to the day it ended, or to today; "
                                 "hatched: announced, not reported in force") + "</sup>"},
        xaxis={"type": "date", "title": None}, yaxis={"title": None, "autorange": "reversed"},
        # One row of keys, as charts.text lays a legend out: plotly would give each country's group a row of its own.
        # A click on a country's key still hides its bars (its group).
        legend={"traceorder": "normal"},
    )
    return date_ticks(figure, ordered["effective_date"].min(), max(ordered["end_date"].max(), today)
                      if ordered["end_date"].notna().any() else today, drawing.look.phone)
