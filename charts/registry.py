"""Every chart Borderlines draws, maps included, by a stable name: reader pages, briefing slides and the handout all
draw from here through `ChartSpec.build`, so a slide shows exactly what the page shows for the same filters.

An entry names the datasets it reads (countries and sources always come too), its filters (the same names as the
page's URL parameters, with the allowed values taken from the data), how it picks its rows, the builder that draws
them, its text alternative and the name of its exported files. Pure; never imports streamlit.
"""

from __future__ import annotations

from charts.bans import (
    OCCUPATION_LABELS,
    ban_directions,
    ban_map,
    ban_map_in_words,
    ban_map_notes,
    bans_by_occupation,
    bans_shown,
    bans_timeline,
)
from charts.border import border_lengths, lengths_by_source
from charts.exodus import (
    dated_entries,
    exodus_map,
    exodus_map_in_words,
    exodus_map_notes,
    exodus_points,
    latest_totals,
    statement_days,
    who_stayed,
)
from charts.extraditions import STATUS_LABELS, case_steps, cases_by_status, cases_shown
from charts.money import (
    counted_work_entries,
    dated_shares_of_gdp,
    registered_work_arrivals,
    share_of_gdp,
    transfer_recipients,
    transfer_years_shown,
    transfers_by_year,
    work_arrivals,
    work_entries,
)
from charts.rules import rules_timeline, us_rules_in_force
from charts.series import drawn
from charts.spec import ChartSpec, Filter, country_options, every_row, label_options
from charts.timeline import CATEGORY_LABELS, events_shown, events_timeline
from charts.us_visas import (
    refusal_map,
    refusal_map_in_words,
    refusal_map_notes,
    refusal_rates,
    refusal_rates_in,
    refusal_rates_reported,
    refusal_years,
)
from i18n import N_, _, ngettext
from i18n.formats import date_at, number

# Titles, filters' labels and placeholders, sentences of text alternatives and notes, and `no_rows` are messages:
# `ChartSpec.build` and the pages show them through `_()`. Counts take ngettext: English has two forms, Russian
# three.
BAN_FILTERS = (
    Filter("direction", N_("Direction"), "one", ban_directions),
    Filter("occupation", N_("Occupation"), "many", label_options("entry_bans", "occupation", OCCUPATION_LABELS)),
    Filter("q", N_("Search names and context"), "text", placeholder=N_("e.g. Duma, historian")),
)
CASE_FILTERS = (
    Filter("status", N_("Status"), "many", label_options("extraditions", "status", STATUS_LABELS)),
    Filter("held_by", N_("Held by"), "many", country_options("extraditions", "from_country")),
)

CHARTS: dict[str, ChartSpec] = {spec.name: spec for spec in [
    ChartSpec(
        "events_timeline", N_("Every dated event, a row per kind of event, coloured by the country that acted"),
        ("events", "event_quotes"), events_shown, events_timeline,
        lambda rows, drawing: ngettext(
            "Timeline of {count} event, {start}.", "Timeline of {count} events from {start} to {end}.",
            len(drawn(rows))).format(count=len(drawn(rows)), start=date_at(rows["date"].min(), "month"),
                                     end=date_at(rows["date"].max(), "month")),
        "borderlines-timeline",
        filters=(Filter("country", N_("Country that acted"), "many", country_options("events", "acting_country")),
                 Filter("category", N_("Kind of event"), "many", label_options("events", "category", CATEGORY_LABELS))),
        no_rows=N_("No events match these filters."),
    ),
    ChartSpec(
        "exodus_map", N_("Arcs from Moscow sized by each country's latest stated total since 21 September 2022"),
        ("border_crossings", "places"), latest_totals, exodus_map,
        lambda rows, drawing: _("Map of arcs from Moscow to the capitals of the countries Russians entered, as "
                                "stated by {day}: {totals}.").format(
            day=statement_days(drawing.tables)[drawing.chosen["on"]],
            totals="; ".join(exodus_map_in_words(rows, drawing))),
        "borderlines-exodus-map",
        filters=(Filter("on", N_("Figures stated by"), "one", statement_days),),
        notes=exodus_map_notes, map_height=460, in_words=exodus_map_in_words,
        no_rows=N_("No total since 21 September had been stated by then."),
    ),
    ChartSpec(
        "exodus_statements", N_("Every official count of Russians entering neighbouring countries in autumn 2022"),
        ("border_crossings",), dated_entries, exodus_points,
        N_("Dots for each official count of Russians entering Kazakhstan, Georgia, Finland and Mongolia in "
        "autumn 2022, on a log scale; estimates hollow, ranges as bars from their low to their high end."),
        "borderlines-exodus-statements",
        notes=N_("Another report of a figure already shown is listed in the table, not drawn again."),
    ),
    ChartSpec(
        "border_lengths", N_("The Kazakhstan–Russia border's length as each source gives it"),
        ("border_facts",), border_lengths, lengths_by_source,
        lambda rows, drawing: ngettext(
            "Dot chart of {count} length a source gives for the Kazakhstan-Russia border: {low} kilometres.",
            "Dot chart of {count} lengths sources give for the Kazakhstan-Russia border, from {low} to "
            "{high} kilometres.", len(drawn(rows))).format(count=len(drawn(rows)), low=number(rows["value"].min()),
                                                            high=number(rows["value"].max())),
        "borderlines-border-lengths",
    ),
    ChartSpec(
        "border_facts", N_("The Kazakhstan–Russia border: every length and count of crossing points"),
        ("border_facts",), every_row("border_facts"), None, "", "borderlines-border-facts",
    ),
    ChartSpec(
        "who_stayed", N_("Who stayed: people still in the country, citizenship applications and documents issued"),
        ("border_crossings",), who_stayed, None, "", "borderlines-who-stayed",
    ),
    ChartSpec(
        "bans_timeline", N_("Entry bans by the day each was reported, a row per direction"),
        ("entry_bans",), bans_shown, bans_timeline,
        lambda rows, drawing: ngettext(
            "Dot chart of {count} entry ban by the date it was reported.",
            "Dot chart of {count} entry bans by the date each was reported, one row per direction.",
            len(rows)).format(count=len(rows)),
        "borderlines-entry-bans-timeline",
        filters=BAN_FILTERS, no_rows=N_("No bans match these filters."),
    ),
    ChartSpec(
        "bans_by_occupation", N_("People barred by occupation, for each direction"),
        ("entry_bans",), bans_shown, bans_by_occupation,
        N_("Bar chart of people barred by occupation, for each direction."),
        "borderlines-entry-bans-by-occupation",
        filters=BAN_FILTERS, no_rows=N_("No bans match these filters."),
    ),
    ChartSpec(
        "bans_map", N_("Who bars whom: an arc each way between the capitals, wider for more people barred"),
        ("entry_bans", "places"), bans_shown, ban_map,
        lambda rows, drawing: _("Map of arcs between Moscow and Astana, one for each direction of the bans: "
                                "{directions}.").format(directions="; ".join(ban_map_in_words(rows, drawing))),
        "borderlines-entry-bans-map",
        filters=BAN_FILTERS, no_rows=N_("No bans match these filters."), map_height=380, in_words=ban_map_in_words,
        notes=ban_map_notes,
    ),
    ChartSpec(
        "extradition_status", N_("Extradition cases by status, coloured by asylum status"),
        ("extraditions",), cases_shown, cases_by_status,
        lambda rows, drawing: ngettext(
            "Bar chart of {count} case by status, coloured by asylum status.",
            "Bar chart of {count} cases by status, coloured by asylum status.",
            len(drawn(rows))).format(count=len(drawn(rows))),
        "borderlines-extraditions-status",
        filters=CASE_FILTERS, no_rows=N_("No cases match these filters."),
    ),
    ChartSpec(
        "extradition_steps", N_("The dated steps of each extradition case"),
        ("extraditions",), cases_shown, case_steps,
        N_("Timeline of the dated steps of each case that has reported dates."),
        "borderlines-extraditions-steps",
        filters=CASE_FILTERS, no_rows=N_("No cases match these filters."),
    ),
    ChartSpec(
        "entry_rules_timeline", N_("When each entry rule applied"),
        ("entry_rules",), every_row("entry_rules"), rules_timeline,
        lambda rows, drawing: ngettext(
            "A bar showing when {count} entry rule took effect and, where it has, when it ended.",
            "Bars showing when each of {count} entry rules took effect and, where it has, when it ended.",
            len(rows)).format(count=len(rows)),
        "borderlines-entry-rules",
    ),
    ChartSpec(
        "transfers_by_year", N_("Money sent from Russia each year, by receiving country and statistical series"),
        ("remittances",), transfer_years_shown, transfers_by_year,
        N_("Line chart of money sent from Russia each year to Central Asian countries, with the Bank of "
        "Russia and recipient central bank series drawn separately."),
        "borderlines-transfers-by-year",
        filters=(Filter("to", N_("Receiving country"), "many", transfer_recipients),),
        notes=N_("Series break: the Bank of Russia's figures by country end in 2021; from 2022 the receiving "
                 "countries' central banks count, and they count differently, so the two series are never joined."),
    ),
    ChartSpec(
        "remittances_share_of_gdp",
        N_("Remittances as a share of the receiving country's GDP, each dated figure a dot"),
        ("remittances",), dated_shares_of_gdp, share_of_gdp,
        lambda rows, drawing: ngettext(
            "Dot chart of {count} dated figure for remittances as a share of the receiving country's GDP, {start}.",
            "Dot chart of {count} dated figures for remittances as a share of the receiving country's "
            "GDP, {start} to {end}.", len(drawn(rows))).format(
            count=len(drawn(rows)), start=rows["period_start"].dt.year.min(), end=rows["period_start"].dt.year.max()),
        "borderlines-remittances-share-of-gdp",
        notes=N_("Figures whose source gives no year are left off the chart; they are in the table below."),
    ),
    ChartSpec(
        "remittance_figures", N_("Every remittance figure, including part-year, share-of-GDP and all-sender figures"),
        ("remittances",), every_row("remittances"), None, "", "borderlines-remittances",
    ),
    ChartSpec(
        "work_entries", N_("Entries to Russia for work, by country and reporting period"),
        ("migrant_workers",), counted_work_entries, work_entries,
        N_("Grouped bars of entries to Russia for work by country, for each reporting period."),
        "borderlines-work-entries",
    ),
    ChartSpec(
        "work_arrivals", N_("People who came to Russia to work, by country and reporting period"),
        ("migrant_workers",), registered_work_arrivals, work_arrivals,
        N_("Grouped bars of people who came to Russia to work, as the Interior Ministry counts them, by country for "
        "each reporting period."),
        "borderlines-work-arrivals",
    ),
    ChartSpec(
        "migrant_worker_figures",
        N_("Every migrant-worker figure: patents, registered stocks, citizenship, expulsions"),
        ("migrant_workers",), every_row("migrant_workers"), None, "", "borderlines-migrant-workers",
    ),
    ChartSpec(
        "us_visa_refusals", N_("US B-visa refusal rates by country and year, with the 2025 and 2026 measures"),
        ("us_visas", "events"), refusal_rates_reported, refusal_rates,
        N_("Line chart of US B-visa refusal rates for five Central Asian countries in 2019 and 2022 to "
        "2024, with the 2025 proclamation and the 2026 visa bonds marked."),
        "borderlines-us-visa-refusals",
    ),
    ChartSpec(
        "us_refusal_map", N_("US B-visa refusal rates on the map, for a chosen year"),
        ("us_visas",), refusal_rates_in, refusal_map,
        lambda rows, drawing: _("Map of Central Asia shaded by US B-visa refusal rates in {year}: {rates}.").format(
            year=drawing.chosen["year"], rates="; ".join(refusal_map_in_words(rows, drawing))),
        "borderlines-us-refusal-map",
        filters=(Filter("year", N_("Year"), "one", refusal_years),),
        notes=refusal_map_notes, map_height=420, in_words=refusal_map_in_words,
    ),
    ChartSpec(
        "us_rules_in_force", N_("The United States' entry restrictions in force"),
        ("entry_rules",), us_rules_in_force, None, "", "borderlines-us-restrictions",
    ),
]}
