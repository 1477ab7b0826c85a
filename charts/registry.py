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

BAN_FILTERS = (
    Filter("direction", "Direction", "one", ban_directions),
    Filter("occupation", "Occupation", "many", label_options("entry_bans", "occupation", OCCUPATION_LABELS)),
    Filter("q", "Search names and context", "text", placeholder="e.g. Duma, historian"),
)
CASE_FILTERS = (
    Filter("status", "Status", "many", label_options("extraditions", "status", STATUS_LABELS)),
    Filter("held_by", "Held by", "many", country_options("extraditions", "from_country")),
)

CHARTS: dict[str, ChartSpec] = {spec.name: spec for spec in [
    ChartSpec(
        "events_timeline", "Every dated event, a row per kind of event, coloured by the country that acted",
        ("events", "event_quotes"), events_shown, events_timeline,
        lambda rows, _: f"Timeline of {len(drawn(rows))} events from {rows['date'].min():%B %Y} to "
                        f"{rows['date'].max():%B %Y}.",
        "borderlines-timeline",
        filters=(Filter("country", "Country that acted", "many", country_options("events", "acting_country")),
                 Filter("category", "Kind of event", "many", label_options("events", "category", CATEGORY_LABELS))),
        no_rows="No events match these filters.",
    ),
    ChartSpec(
        "exodus_map", "Arcs from Moscow sized by each country's latest stated total since 21 September 2022",
        ("border_crossings", "places"), latest_totals, exodus_map,
        lambda rows, drawing: "Map of arcs from Moscow to the capitals of the countries Russians entered, as stated "
                              f"by {statement_days(drawing.tables)[drawing.chosen['on']]}: "
                              + "; ".join(exodus_map_in_words(rows, drawing)) + ".",
        "borderlines-exodus-map",
        filters=(Filter("on", "Figures stated by", "one", statement_days),),
        notes=exodus_map_notes, map_height=460, in_words=exodus_map_in_words,
        no_rows="No total since 21 September had been stated by then.",
    ),
    ChartSpec(
        "exodus_statements", "Every official count of Russians entering neighbouring countries in autumn 2022",
        ("border_crossings",), dated_entries, exodus_points,
        "Dots for each official count of Russians entering Kazakhstan, Georgia, Finland and Mongolia in "
        "autumn 2022, on a log scale; estimates hollow, ranges as bars from their low to their high end.",
        "borderlines-exodus-statements",
        notes="Another report of a figure already shown is listed in the table, not drawn again.",
    ),
    ChartSpec(
        "border_lengths", "The Kazakhstan–Russia border's length as each source gives it",
        ("border_facts",), border_lengths, lengths_by_source,
        lambda rows, _: f"Dot chart of {len(drawn(rows))} lengths sources give for the Kazakhstan-Russia border, from "
                        f"{rows['value'].min():,.0f} to {rows['value'].max():,.0f} kilometres.",
        "borderlines-border-lengths",
    ),
    ChartSpec(
        "border_facts", "The Kazakhstan–Russia border: every length and count of crossing points",
        ("border_facts",), every_row("border_facts"), None, "", "borderlines-border-facts",
    ),
    ChartSpec(
        "who_stayed", "Who stayed: people still in the country, citizenship applications and documents issued",
        ("border_crossings",), who_stayed, None, "", "borderlines-who-stayed",
    ),
    ChartSpec(
        "bans_timeline", "Entry bans by the day each was reported, a row per direction",
        ("entry_bans",), bans_shown, bans_timeline,
        lambda rows, _: f"Dot chart of {len(rows)} entry bans by the date each was reported, one row per "
                        "direction.",
        "borderlines-entry-bans-timeline",
        filters=BAN_FILTERS, no_rows="No bans match these filters.",
    ),
    ChartSpec(
        "bans_by_occupation", "People barred by occupation, for each direction",
        ("entry_bans",), bans_shown, bans_by_occupation,
        "Bar chart of people barred by occupation, for each direction.",
        "borderlines-entry-bans-by-occupation",
        filters=BAN_FILTERS, no_rows="No bans match these filters.",
    ),
    ChartSpec(
        "bans_map", "Who bars whom: an arc each way between the capitals, wider for more people barred",
        ("entry_bans", "places"), bans_shown, ban_map,
        lambda rows, drawing: "Map of arcs between Moscow and Astana, one for each direction of the bans: "
                              + "; ".join(ban_map_in_words(rows, drawing)) + ".",
        "borderlines-entry-bans-map",
        filters=BAN_FILTERS, no_rows="No bans match these filters.", map_height=380, in_words=ban_map_in_words,
        notes=ban_map_notes,
    ),
    ChartSpec(
        "extradition_status", "Extradition cases by status, coloured by asylum status",
        ("extraditions",), cases_shown, cases_by_status,
        lambda rows, _: f"Bar chart of {len(drawn(rows))} cases by status, coloured by asylum status.",
        "borderlines-extraditions-status",
        filters=CASE_FILTERS, no_rows="No cases match these filters.",
    ),
    ChartSpec(
        "extradition_steps", "The dated steps of each extradition case",
        ("extraditions",), cases_shown, case_steps,
        "Timeline of the dated steps of each case that has reported dates.",
        "borderlines-extraditions-steps",
        filters=CASE_FILTERS, no_rows="No cases match these filters.",
    ),
    ChartSpec(
        "entry_rules_timeline", "When each entry rule applied",
        ("entry_rules",), every_row("entry_rules"), rules_timeline,
        lambda rows, _: f"Bars showing when each of {len(rows)} entry rules took effect and, where it has, when it "
                        "ended.",
        "borderlines-entry-rules",
    ),
    ChartSpec(
        "transfers_by_year", "Money sent from Russia each year, by receiving country and statistical series",
        ("remittances",), transfer_years_shown, transfers_by_year,
        "Line chart of money sent from Russia each year to Central Asian countries, with the Bank of "
        "Russia and recipient central bank series drawn separately.",
        "borderlines-transfers-by-year",
        filters=(Filter("to", "Receiving country", "many", transfer_recipients),),
        notes="Series break: the Bank of Russia's figures by country end in 2021; from 2022 the receiving countries' "
              "central banks count, and they count differently, so the two series are never joined.",
    ),
    ChartSpec(
        "remittances_share_of_gdp", "Remittances as a share of the receiving country's GDP, each dated figure a dot",
        ("remittances",), dated_shares_of_gdp, share_of_gdp,
        lambda rows, _: f"Dot chart of {len(drawn(rows))} dated figures for remittances as a share of the receiving "
                        f"country's GDP, {rows['period_start'].dt.year.min()} to {rows['period_start'].dt.year.max()}.",
        "borderlines-remittances-share-of-gdp",
        notes="Figures whose source gives no year are left off the chart; they are in the table below.",
    ),
    ChartSpec(
        "remittance_figures", "Every remittance figure, including part-year, share-of-GDP and all-sender figures",
        ("remittances",), every_row("remittances"), None, "", "borderlines-remittances",
    ),
    ChartSpec(
        "work_entries", "Entries to Russia for work, by country and reporting period",
        ("migrant_workers",), counted_work_entries, work_entries,
        "Grouped bars of entries to Russia for work by country, for each reporting period.",
        "borderlines-work-entries",
    ),
    ChartSpec(
        "work_arrivals", "People who came to Russia to work, by country and reporting period",
        ("migrant_workers",), registered_work_arrivals, work_arrivals,
        "Grouped bars of people who came to Russia to work, as the Interior Ministry counts them, by country for "
        "each reporting period.",
        "borderlines-work-arrivals",
    ),
    ChartSpec(
        "migrant_worker_figures", "Every migrant-worker figure: patents, registered stocks, citizenship, expulsions",
        ("migrant_workers",), every_row("migrant_workers"), None, "", "borderlines-migrant-workers",
    ),
    ChartSpec(
        "us_visa_refusals", "US B-visa refusal rates by country and year, with the 2025 and 2026 measures",
        ("us_visas", "events"), refusal_rates_reported, refusal_rates,
        "Line chart of US B-visa refusal rates for five Central Asian countries in 2019 and 2022 to "
        "2024, with the 2025 proclamation and the 2026 visa bonds marked.",
        "borderlines-us-visa-refusals",
    ),
    ChartSpec(
        "us_refusal_map", "US B-visa refusal rates on the map, for a chosen year",
        ("us_visas",), refusal_rates_in, refusal_map,
        lambda rows, drawing: f"Map of Central Asia shaded by US B-visa refusal rates in {drawing.chosen['year']}: "
                              + "; ".join(refusal_map_in_words(rows, drawing)) + ".",
        "borderlines-us-refusal-map",
        filters=(Filter("year", "Year", "one", refusal_years),),
        notes=refusal_map_notes, map_height=420, in_words=refusal_map_in_words,
    ),
    ChartSpec(
        "us_rules_in_force", "The United States' entry restrictions in force",
        ("entry_rules",), us_rules_in_force, None, "", "borderlines-us-restrictions",
    ),
]}
