"""Entry bans in both directions: who barred whom, when, and what they do; and the map of who bars whom."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pydeck as pdk

from charts.maps import arc_map, capitals, crimea_note, without_a_capital
from charts.series import date_in_words, date_ticks, figure_in_words, qualifier_in_words, span_of
from charts.spec import Chosen, Drawing, Frames, country_names
from charts.text import plain, wrapped
from i18n import ENGLISH, N_, _, in_english, language, ngettext
from i18n.formats import date_at, number

# Messages: shown through `_()`.
OCCUPATION_LABELS = {
    "journalist": N_("Journalists"), "activist": N_("Activists"), "scholar": N_("Scholars"),
    "politician": N_("Politicians"), "official": N_("Officials"), "media_figure": N_("Media figures"),
    "other": N_("Others"),
}


def direction_label(banning: str, nationality: str, names: dict[str, str]) -> str:
    return _("{banning} bars citizens of {nationality}").format(banning=names.get(banning, banning),
                                                                 nationality=names.get(nationality, nationality))


def with_direction(bans: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    return bans.assign(direction=[direction_label(banning, nationality, names) for banning, nationality
                                  in zip(bans["banning_country"], bans["nationality"], strict=True)])


def ban_directions(tables: Frames) -> dict[str, str]:
    """The directions the data holds, as 'RUS>KAZ', after a choice of both."""
    names = country_names(tables)
    bans = tables["entry_bans"]
    directions = sorted({f"{b}>{n}" for b, n in zip(bans["banning_country"], bans["nationality"], strict=True)})
    return {"all": _("Both directions"), **{
        key: _("{banning} bars {nationality} citizens").format(banning=names[key.split(">")[0]],
                                                               nationality=names[key.split(">")[1]])
        for key in directions}}


def bans_shown(tables: Frames, chosen: Chosen) -> pd.DataFrame:
    """The bans in the chosen direction and occupations whose names or context hold the words searched for."""
    bans = tables["entry_bans"]
    shown = bans[bans["occupation"].isin(chosen["occupation"])]
    if chosen["direction"] != "all":
        banning, nationality = chosen["direction"].split(">")
        shown = shown[(shown["banning_country"] == banning) & (shown["nationality"] == nationality)]
    if chosen["q"]:
        english = tables.get(in_english("entry_bans"), bans).loc[shown.index]
        found = searched(shown, chosen["q"]) | searched(english, chosen["q"])
        shown = shown[found]
    return with_direction(shown, country_names(tables))


def searched(bans: pd.DataFrame, words: str) -> pd.Series:
    """Whether each ban's names or context hold the words (as typed, any case)."""
    text = bans["person_or_group"].str.cat(bans["reason_or_context"].fillna(""), sep=" ")
    return text.str.contains(words, case=False, regex=False)


def how_many(group: pd.DataFrame) -> str:
    """'2 named people and a group of around 70': counts as the sources give them, never summed into one figure."""
    named = int((group["count"] == 1).sum())
    parts = [ngettext("{count} named person", "{count} named people", named).format(count=named)] if named else []
    parts += [_("a group of {count}").format(count=group_size(count, qualifier if approximate else None))
              for count, approximate, qualifier in zip(group["count"], group["approximate"], group["qualifier"],
                                                       strict=True) if count > 1]
    joined = parts[0] if parts else ""
    for part in parts[1:]:
        joined = _("{first} and {second}").format(first=joined, second=part)
    return joined


def group_size(count: int, qualifier: object) -> str:
    """'around 70' as its source gives it (in Russian 'около 70')."""
    if language() == ENGLISH:
        return f"{qualifier} {count}" if qualifier is not None else f"{count}"
    qualified = qualifier_in_words(qualifier)
    return f"{qualified} {number(count)}" if qualified else number(count)


def bans_timeline(bans: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """Tit for tat: each ban as a dot on the day it was reported, a row per direction, dot area by people barred.

    Bans reported without a date cannot be placed and are left out (the table lists them); a ban known only to
    the month is a hollow dot at its start with a line across the month, and its hover says so. Each hover ends
    with the sources' sentences.
    """
    dated = bans[bans["date_reported"].notna()].sort_values("date_reported")
    figure = go.Figure()
    for (direction, banning), group in dated.groupby(["direction", "banning_country"], sort=False):
        # Bans reported the same day share one dot whose hover names them all.
        days = group.groupby(["date_reported", "date_precision"], sort=True)
        hover, sizes, symbols, whens = [], [], [], []
        for (when, precision), same_day in days:
            people = "<br>".join(
                f"{plain(who)} ({plain(figure_in_words(count, qualifier))}, {_(OCCUPATION_LABELS[job]).lower()})"
                for who, count, qualifier, job in zip(same_day["person_or_group"], same_day["count"],
                                                      same_day["qualifier"], same_day["occupation"], strict=True))
            sentences = "".join(f"<br><i>“{wrapped(sentence, 70)}”</i>"
                                for sentence in dict.fromkeys(same_day.get("quote", pd.Series(dtype=object)).dropna()))
            hover.append(f"<b>{date_in_words(when, precision)}{'' if precision == 'day' else _(' (month only)')}</b>"
                         f"<br>{people}{sentences}")
            if precision != "day":
                start, end = span_of(when, precision)
                figure.add_shape(type="line", x0=start, x1=end, y0=direction, y1=direction, opacity=0.45,
                                 line={"color": drawing.palette.country(banning), "width": 3})
            sizes.append(10 + 4 * np.sqrt(float(same_day["count"].sum())))
            symbols.append("circle" if precision == "day" else "circle-open")
            whens.append(when)
        figure.add_trace(go.Scatter(
            x=whens, y=[direction] * len(whens), mode="markers", name=plain(direction),
            marker={"size": sizes, "color": drawing.palette.country(banning), "symbol": symbols, "opacity": 0.8,
                    "line": {"width": 2, "color": drawing.palette.country(banning)}},
            hovertext=hover, hoverinfo="text",
        ))
    undated = int(bans["date_reported"].isna().sum())
    if len(dated):
        first, last = dated["date_reported"].min(), dated["date_reported"].max()
        title = _("An eye for an eye: bans reported {start} to {end}").format(
            start=f"{first:%d %b}" if language() == ENGLISH else date_at(first), end=date_in_words(last))
    else:
        title = _("An eye for an eye: bans reported") + (" " if language() == ENGLISH else "")
    subtitle = [_("Dot area: people barred; hollow: month only")] + (
        [ngettext("{count} undated ban not shown", "{count} undated bans not shown", undated).format(count=undated)]
        if undated else [])
    figure.update_layout(
        height=340, showlegend=False, title={"text": title + "<br><sup>" + "; ".join(subtitle) + "</sup>"},
        yaxis={"title": None}, xaxis={"title": None},
    )
    if len(dated):
        date_ticks(figure, dated["date_reported"].min(), dated["date_reported"].max(), drawing.look.phone)
    return figure


def bans_by_occupation(bans: pd.DataFrame, drawing: Drawing) -> go.Figure:
    """People barred by occupation, one bar group per direction; each bar is labelled with the counts as the sources
    give them ('around 70'), never a sum that no source stated."""
    figure = go.Figure()
    for direction, group in bans.groupby("direction", sort=True):
        by_job = group.groupby("occupation").agg(count=("count", "sum"))
        stated = group.groupby("occupation").apply(counts_as_stated, include_groups=False)
        banning = group["banning_country"].iloc[0]
        figure.add_trace(go.Bar(
            x=by_job["count"], y=[_(OCCUPATION_LABELS[job]) for job in by_job.index], orientation="h",
            name=plain(direction), marker={"color": drawing.palette.country(banning)},
            text=[plain(stated[job]) for job in by_job.index],
            textposition="outside", textfont={"size": 13},
            hovertemplate="%{y}: %{text}<extra>" + plain(direction) + "</extra>",
        ))
    summary = "; ".join(f"{direction}: {how_many(group)}" for direction, group in bans.groupby("direction"))
    figure.update_layout(
        barmode="group", height=420, xaxis={"title": _("People barred")},
        title={"text": _("Who is barred") + "<br><sup>" + wrapped(summary, 110) + "</sup>"}, yaxis={"title": None},
    )
    return figure


def counts_as_stated(group: pd.DataFrame) -> str:
    """'1', '5', 'around 70', '1 + around 70': the named people counted, and each group as its source gives it."""
    named = int((group["count"] == 1).sum())
    groups = [figure_in_words(count, qualifier, written="{:,}") for count, qualifier
              in zip(group["count"], group["qualifier"], strict=True) if count > 1]
    return " + ".join(([str(named)] if named else []) + groups)


def ban_arcs(bans: pd.DataFrame, drawing: Drawing) -> pd.DataFrame:
    """One arc per direction, from the banning country's capital to the barred people's, width by people barred
    (an approximate group counts at its stated size), tilted so the two directions do not overlap. A direction
    whose capital the places table lacks has no arc (the notes under the map say so)."""
    capital = capitals(drawing.tables["places"])
    rows = []
    for (banning, nationality), group in bans.groupby(["banning_country", "nationality"]):
        if banning not in capital.index or nationality not in capital.index:
            continue
        start, end = capital.loc[banning], capital.loc[nationality]
        rows.append({
            "from_lon": start["lon"], "from_lat": start["lat"], "to_lon": end["lon"], "to_lat": end["lat"],
            "width": float(2 + np.sqrt(float(group["count"].sum())) * 1.5),
            "colour": drawing.palette.country(banning),
            # Tilt is relative to each arc's direction, so the two directions lean to opposite sides.
            "tilt": 45, "countries": [banning, nationality], "label": direction_in_words(banning, nationality, group,
                                                                                          drawing.names),
        })
    return pd.DataFrame(rows, columns=ARC_COLUMNS)


ARC_COLUMNS = ["from_lon", "from_lat", "to_lon", "to_lat", "width", "colour", "tilt", "countries", "label"]


def ban_map(bans: pd.DataFrame, drawing: Drawing) -> pdk.Deck:
    """Who bars whom: an arc each way between the two capitals."""
    return arc_map(ban_arcs(bans, drawing), drawing, centre=(55, 52), zoom=2.6)


def ban_map_notes(bans: pd.DataFrame, drawing: Drawing) -> str:
    return (_("Each arc runs from the banning country's capital to the barred people's country; wider arcs, more "
              "people barred.") + " " + crimea_note()
            + without_a_capital([*bans["banning_country"], *bans["nationality"]], drawing))


def direction_in_words(banning: str, nationality: str, group: pd.DataFrame, names: dict[str, str]) -> str:
    """'Russia bars citizens of Kazakhstan: 2 named people and a group of around 70'."""
    return f"{direction_label(banning, nationality, names)}: {how_many(group)}"


def ban_map_in_words(bans: pd.DataFrame, drawing: Drawing) -> list[str]:
    """Each direction in words, an arc or not (a country without a capital in places has none)."""
    return [direction_in_words(banning, nationality, group, drawing.names)
            for (banning, nationality), group in bans.groupby(["banning_country", "nationality"])]

