"""The registry: every dataset under data/, its meaning, its columns and its rules, declared once.

Pages, the check command, the editor and the data dictionary all read this; adding a dataset means adding one
entry here and one CSV under data/.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.columns import (
    ColumnSpec,
    choice,
    country_code,
    date,
    flag,
    identifier,
    integer,
    language,
    number,
    reference,
    text,
    url,
)

DATE_PRECISIONS = ("day", "month", "year")
COUNTS = ("crossings", "people", "documents")


@dataclass(frozen=True)
class RowRule:
    """A rule that relates several columns of one row, e.g. a period must not end before it starts."""

    columns: tuple[str, ...]
    description: str
    holds: object = field(compare=False)  # callable: typed DataFrame -> boolean Series (True where the rule holds)


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    columns: tuple[ColumnSpec, ...]
    row_rules: tuple[RowRule, ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def key(self) -> str:
        """The first column is the dataset's key: what other datasets refer to."""
        return self.columns[0].name

    @property
    def column_names(self) -> list[str]:
        return [spec.name for spec in self.columns]

    @property
    def kinds(self) -> dict[str, str]:
        """Each column's kind, which tells the reader how Excel may have written its cells (21.09.2022, 15,35)."""
        return {spec.name: spec.kind for spec in self.columns}

    def references(self) -> set[str]:
        return {spec.references for spec in self.columns if spec.references}


def source_column() -> ColumnSpec:
    return reference("source_id", "The source this row was read from (a key of `sources`).", "sources")


def country(name: str, description: str, required: bool = True) -> ColumnSpec:
    return reference(name, description + " ISO 3166-1 alpha-3 code listed in `countries`.", "countries", required)


def period_columns() -> tuple[ColumnSpec, ColumnSpec]:
    unknown = " Empty when the source does not say; notes then say what it does say."
    return (date("period_start", "First day the figure covers." + unknown, required=False),
            date("period_end", "Last day the figure covers (the same day as period_start for a one-day figure)."
                 + unknown, required=False))


def stated_by() -> ColumnSpec:
    return text("stated_by", "Official body or person behind the figure; empty when the source names none.",
                required=False)


def approximation_columns() -> tuple[ColumnSpec, ColumnSpec]:
    return (flag("approximate", "`true` when the source gives the figure as approximate (about, over, nearly...)."),
            text("qualifier", "The source's own word for an approximate figure: about, over, nearly, at least, "
                              "range... Empty for exact figures.", required=False))


def figure_columns(value_description: str, units: tuple[str, ...] = ()) -> tuple[ColumnSpec, ...]:
    """The columns every table of stated figures ends with: period, value (and unit), approximation, origin."""
    unit = (choice("unit", "Unit of value.", units),) if units else ()
    return (*period_columns(), number("value", value_description, minimum=0), *unit, *approximation_columns(),
            stated_by(), source_column(),
            text("notes", "Caveats (fiscal or calendar year, what was counted), disagreements with other rows.",
                 required=False))


def period_in_order() -> RowRule:
    return RowRule(("period_start", "period_end"), "period_end must not be before period_start",
                   lambda table: ~(table["period_end"] < table["period_start"]))


def qualified_if_approximate() -> RowRule:
    return RowRule(("approximate", "qualifier"),
                   "an approximate figure needs the source's qualifier (about, over...), and an exact one none",
                   lambda table: table["approximate"] == table["qualifier"].notna())


def open_period_explained() -> RowRule:
    return RowRule(("period_start", "period_end", "notes"),
                   "a figure with an open-ended period needs a note saying what the source says about its dates",
                   lambda table: (table["period_start"].notna() & table["period_end"].notna())
                   | table["notes"].notna())


FIGURE_RULES = (period_in_order(), open_period_explained(), qualified_if_approximate())

SOURCES = Dataset(
    "sources", "Sources",
    "Every article, official statement and file a figure in Borderlines was read from. Each row of every other "
    "dataset names one of these.",
    (
        identifier("source_id", "Short readable key, e.g. `diplomat-2022-11-russians-fled`."),
        text("publisher", "Outlet or body that published the page."),
        text("title", "Title as published; a description in [square brackets] where the title is not known."),
        url("url", "Address of the page. Empty only for a seed article whose address is not known.", required=False),
        date("date_published", "Publication date where the page shows it.", required=False),
        date("date_accessed", "When the page was read, where recorded.", required=False),
        language("language", "Language of the page."),
        text("notes", "Mirrors, caveats, how a seed article was matched to its address.", required=False),
    ),
)

COUNTRIES = Dataset(
    "countries", "Countries",
    "The countries the datasets name, keyed by ISO 3166-1 alpha-3 code. Reference list, no figures.",
    (
        country_code("iso3", "ISO 3166-1 alpha-3 code, e.g. `KAZ`."),
        text("name", "English short name.", unique=True),
    ),
)

PLACES = Dataset(
    "places", "Places",
    "Points the maps draw: capitals, border cities and crossing points. Capitals use their well-known "
    "coordinates; every other point cites a source.",
    (
        identifier("place_id", "Short key, e.g. `upper-lars`."),
        text("name", "Name as used in English-language reporting."),
        country("country", "Country the point lies in."),
        choice("kind", "What the point is.", ("capital", "city", "crossing")),
        number("lat", "Latitude in decimal degrees (north positive).", minimum=-90, maximum=90),
        number("lon", "Longitude in decimal degrees (east positive).", minimum=-180, maximum=180),
        choice("coordinate_basis", "`sourced` (source_id required) or `well_known_capital`.",
               ("sourced", "well_known_capital")),
        reference("source_id", "Source of the coordinates; empty for a capital's well-known coordinate.",
                  "sources", required=False),
        text("notes", "Alternative coordinates, caveats.", required=False),
    ),
    (
        RowRule(("coordinate_basis", "source_id"), "a sourced coordinate needs a source_id",
                lambda table: (table["coordinate_basis"] != "sourced") | table["source_id"].notna()),
        RowRule(("coordinate_basis", "kind"), "only a capital may use well_known_capital coordinates",
                lambda table: (table["coordinate_basis"] != "well_known_capital") | (table["kind"] == "capital")),
    ),
)

EVENTS = Dataset(
    "events", "Timeline of events",
    "Dated policies and incidents: entry-rule changes, ban announcements, extraditions, the September 2022 "
    "mobilization, the March 2024 Crocus City Hall attack and what followed, US proclamations and visa bonds.",
    (
        identifier("event_id", "Short key."),
        date("date", "When it happened or took effect."),
        choice("date_precision", "How much of the date is known: for `month`, the day is the 1st.",
               DATE_PRECISIONS),
        country("acting_country", "Country whose government acted."),
        country("affected_country", "Country whose citizens were affected; empty when it applies to all.",
                required=False),
        choice("category", "Kind of event.",
               ("mobilization", "exodus", "entry_rule", "entry_ban", "extradition", "security", "us_restriction",
                "diplomacy", "migration_policy")),
        text("summary", "One plain sentence."),
        source_column(),
    ),
)

ENTRY_BANS = Dataset(
    "entry_bans", "Entry bans",
    "People and groups barred from entering, in both directions: Russia barring Kazakh citizens and Kazakhstan "
    "barring Russians (\"undesirable persons\").",
    (
        identifier("ban_id", "Short key."),
        text("person_or_group", "Name of the person, or a description of the group."),
        integer("count", "1 for a person; the reported number for a group.", minimum=1),
        *approximation_columns(),
        choice("occupation", "What the people do.",
               ("journalist", "activist", "scholar", "politician", "official", "media_figure", "other")),
        country("nationality", "Citizenship of the barred people."),
        country("banning_country", "Country that bars them."),
        date("date_reported", "When the ban was applied or reported; empty when the source gives no date.",
             required=False),
        choice("date_precision", "How much of date_reported is known; empty when it is.", DATE_PRECISIONS,
               required=False),
        text("reason_or_context", "Stated reason, or the reported context where none was given.", required=False),
        source_column(),
    ),
    (qualified_if_approximate(),
     RowRule(("date_reported", "date_precision"), "a date needs its precision, and no date needs none",
             lambda table: table["date_reported"].notna() == table["date_precision"].notna())),
)

EXTRADITIONS = Dataset(
    "extraditions", "Extraditions and deportations",
    "Individual cases of people returned, deported, held for extradition or stuck in a transit zone.",
    (
        identifier("case_id", "Short key."),
        text("person", "Name as reported."),
        country("nationality", "Citizenship."),
        country("from_country", "Country holding or returning the person."),
        country("to_country", "Country seeking or receiving the person; empty when none is reported (someone stuck in "
                              "a transit zone).", required=False),
        date("date_left_home", "When the person left their country, where reported.", required=False),
        date("date_detained", "When detained, where reported.", required=False),
        date("date_decided", "When a court or authority decided, where reported.", required=False),
        date("date_returned", "When handed over, deported or extradited, where reported.", required=False),
        choice("status", "Latest reported status.",
               ("extradited", "deported", "pending", "stuck_in_transit_zone", "released", "refused", "unknown")),
        choice("asylum_status", "Asylum status as reported.", ("granted", "refused", "pending", "not_sought",
                                                               "unknown")),
        text("summary", "One or two plain sentences."),
        source_column(),
    ),
)

BORDER_CROSSINGS = Dataset(
    "border_crossings", "The 2022 exodus: official figures",
    "Dated figures stated by officials after Russia's mobilization of 21 September 2022 (and comparison figures), "
    "by destination country. Entries and exits count border crossings, not people: one person crossing twice is "
    "counted twice. `counts` says what each row counts.",
    (
        identifier("figure_id", "Short key."),
        country("origin_country", "Country people came from."),
        country("destination_country", "Country they entered."),
        choice("measure", "What the figure is.",
               ("entered", "left", "remained", "id_numbers_issued", "permits_issued", "citizenship_applications")),
        choice("basis", "`daily`: one day's figure; `cumulative`: total over the period.", ("daily", "cumulative")),
        *period_columns(),
        number("value", "The figure as stated.", minimum=0),
        *approximation_columns(),
        choice("counts", "What is counted: border crossings, people, or documents issued.", COUNTS),
        reference("place_id", "Checkpoint the figure is for, when it is for one (a key of `places`).", "places",
                  required=False),
        stated_by(),
        source_column(),
        text("notes", "Disagreements with other rows, caveats.", required=False),
    ),
    (*FIGURE_RULES,
     RowRule(("measure", "counts"), "entered and left count crossings, remained and citizenship applications "
                                    "count people, issued documents count documents",
             lambda table: table["counts"] == table["measure"].map(
                 {"entered": "crossings", "left": "crossings", "remained": "people",
                  "citizenship_applications": "people", "id_numbers_issued": "documents",
                  "permits_issued": "documents"}))),
)

ENTRY_RULES = Dataset(
    "entry_rules", "Entry and stay rules",
    "Rules by country and group: how long visitors may stay, in what window, and from when.",
    (
        identifier("rule_id", "Short key."),
        country("country", "Country that sets the rule."),
        text("applies_to", "Who the rule applies to, in plain words."),
        choice("rule_kind", "Kind of rule.",
               ("stay_limit", "registration", "entry_procedure", "entry_suspension", "visa_bond")),
        date("effective_date", "First day the rule applies (the 1st of the month or year when only that is known)."),
        choice("date_precision", "How much of effective_date is known.", DATE_PRECISIONS),
        date("end_date", "Last day it applied, if it has ended.", required=False),
        integer("max_stay_days", "Longest allowed stay in days, where the rule sets one; for a registration rule, "
                                 "the days allowed before registering.", required=False, minimum=1),
        integer("window_days", "Length of the window the stay is counted in, where the rule has one.",
                required=False, minimum=1),
        choice("window_kind", "`rolling` (any N days), `calendar_year`, `per_entry`.",
               ("rolling", "calendar_year", "per_entry"), required=False),
        text("summary", "The rule in one plain sentence."),
        source_column(),
    ),
    (RowRule(("effective_date", "end_date"), "end_date must not be before effective_date",
             lambda table: ~(table["end_date"] < table["effective_date"])),),
)

REMITTANCES = Dataset(
    "remittances", "Remittances and money transfers",
    "Money sent from Russia to Central Asia. Bank of Russia money-transfer-system figures (to 2021) and recipient "
    "central bank figures (from 2022) are different series, counted differently: never join them into one line.",
    (
        identifier("figure_id", "Short key."),
        country("from_country", "Sending country; empty for a figure over all senders (a share of GDP, a total "
                                "from abroad).", required=False),
        country("to_country", "Receiving country; empty for a total to several countries (notes say which).",
                required=False),
        choice("series", "Which statistical series the figure belongs to.",
               ("bank_of_russia_transfers", "recipient_central_bank", "world_bank", "other")),
        choice("measure", "What the figure is.",
               ("money_transfers", "personal_remittances", "remittances_share_of_gdp", "growth_factor")),
        *figure_columns("The figure as stated: US dollars in full, percent of GDP, or a ratio.",
                        ("usd", "percent_of_gdp", "ratio")),
    ),
    FIGURE_RULES,
)

MIGRANT_WORKERS = Dataset(
    "migrant_workers", "Migrant workers",
    "Central Asian workers in Russia: entries for work (border crossings), work patents (documents), registered "
    "stocks (people), citizenship grants, expulsions and labour emigration.",
    (
        identifier("figure_id", "Short key."),
        country("origin_country", "Citizenship of the workers; empty for an all-countries total.", required=False),
        country("host_country", "Country they work in; empty for all destinations (notes say so).",
                required=False),
        choice("measure", "What the figure is.",
               ("work_entries", "patents_issued", "registered_stock", "labour_emigrants", "citizenship_granted",
                "expulsions", "deportations", "extraditions", "all_entries")),
        choice("counts", "What is counted: border crossings, people, or documents issued.", COUNTS),
        *figure_columns("The figure as stated."),
    ),
    FIGURE_RULES,
)

US_VISAS = Dataset(
    "us_visas", "US visas, overstays and removals",
    "US State Department visa refusal rates, DHS overstay rates, visas issued, removals and visa-bond amounts for "
    "Central Asian countries.",
    (
        identifier("figure_id", "Short key."),
        country("country", "Country of citizenship; empty for a figure over all countries.", required=False),
        choice("measure", "What the figure is.",
               ("b_visa_refusal_rate", "overstay_rate_b1_b2", "overstay_rate_f_m_j", "overall_overstay_rate",
                "nonimmigrant_visas_issued", "removals", "visa_bond_usd")),
        *figure_columns("The figure as stated.", ("percent", "count", "usd")),
    ),
    (*FIGURE_RULES,
     RowRule(("unit", "value"), "a percent must be at most 100",
             lambda table: (table["unit"] != "percent") | (table["value"] <= 100))),
)

# Reference datasets come first: the others are checked against their keys.
DATASETS: dict[str, Dataset] = {dataset.name: dataset for dataset in (
    SOURCES, COUNTRIES, PLACES, EVENTS, ENTRY_BANS, EXTRADITIONS, BORDER_CROSSINGS, ENTRY_RULES, REMITTANCES,
    MIGRANT_WORKERS, US_VISAS,
)}
