"""The registry: every dataset under data/, its meaning, its columns and its rules, declared once.

Pages, the check command, the editor and the data dictionary all read this; adding a dataset means adding one
entry here and one CSV under data/.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from catalog.columns import (
    DATE_PRECISIONS,
    ColumnSpec,
    choice,
    country_code,
    date,
    flag,
    identifier,
    integer,
    language,
    number,
    pointer,
    precision_of,
    quote,
    reference,
    row_key,
    staff_notes,
    text,
    url,
)
from catalog.problems import Rule
from i18n import ENGLISH, LANGUAGES, N_

COUNTS = ("crossings", "people", "documents")
KINDS = ("actual", "estimate", "forecast")


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
    # A dataset every row of this one needs a row in, by this dataset's key (each event has its quote there).
    quoted_in: str | None = None
    # The datasets whose text a translations dataset translates (their columns marked `translated`).
    translates: tuple[str, ...] = ()

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
        return ({spec.references for spec in self.columns if spec.references} | ({self.quoted_in} - {None})
                | set(self.translates))

    @property
    def checked_with(self) -> set[str]:
        """The datasets whose keys a check of this file depends on (a translations file's own rules depend on none
        of the datasets it translates: what they say of it is worked out beside its check, see catalog.store)."""
        return self.references() - set(self.translates)

    @property
    def translated_columns(self) -> list[str]:
        """The text columns readers see, whose translations `translations` holds."""
        return [spec.name for spec in self.columns if spec.translated]

    @property
    def reader_columns(self) -> list[str]:
        """The columns reader pages show: all but the staff-only ones."""
        return [spec.name for spec in self.columns if not spec.staff_only]


def source_column() -> ColumnSpec:
    return reference("source_id", N_("The source this row was read from (a key of `sources`)."), "sources")


def country(name: str, description: str, required: bool = True) -> ColumnSpec:
    """A country, by its code; `description` ends saying so (ISO 3166-1 alpha-3 code listed in `countries`)."""
    return reference(name, description, "countries", required)


def dated(name: str, description: str, required: bool = True, end: bool = False,
          precision: str | None = None) -> tuple[ColumnSpec, ColumnSpec]:
    """A date and its precision column, side by side."""
    precision = precision or f"{name}_precision"
    return (date(name, description, required, precision=precision, end=end),
            precision_of(name, precision, required=required))


def with_precision(date_column: str, precision: str) -> RowRule:
    return RowRule((date_column, precision), N_("a date needs its precision, and no date needs none"),
                   lambda table: table[date_column].notna() == table[precision].notna())


def no_precision_without_date(date_column: str, precision: str) -> RowRule:
    """An optional date's precision may stay empty for a full day; without a date it must be empty (a date written
    as a month or year without its precision is caught where the written form is checked)."""
    return RowRule((date_column, precision), N_("a precision needs a date"),
                   lambda table: table[date_column].notna() | table[precision].isna())


def period_columns() -> tuple[ColumnSpec, ...]:
    return (*dated("period_start", N_("First day a flow covers (a month or year: its first day). Empty for a stock. "
                                      "Empty when the source does not say; notes then say what it does say."),
                   required=False, precision="start_precision"),
            *dated("period_end", N_("Last day a flow covers, or the date a stock stands at (as of); a month or year "
                                    "means its last day. Empty when the source does not say; notes then say what it "
                                    "does say."), required=False, end=True, precision="end_precision"))


def stated_by() -> ColumnSpec:
    return text("stated_by", N_("Official body or person behind the figure; empty when the source names none."),
                required=False, translated=True)


def approximation_columns() -> tuple[ColumnSpec, ColumnSpec]:
    return (flag("approximate", N_("`true` when the source gives the figure as approximate or as a bound (about, over, "
                                   "nearly, up to...).")),
            text("qualifier", N_("The source's own word(s) for an approximate figure, as written in `quote` and in its "
                                 "language (about, more than, ~, около, более, quasi...). Empty for exact figures."),
                 required=False))


def figure_columns(value_description: str, units: tuple[str, ...] = ()) -> tuple[ColumnSpec, ...]:
    """The columns every table of stated figures ends with: what kind of figure, its period or date, its value (a
    range has a high end), its unit, how the source qualified it, who stated it, where, and in which words.
    `value_description` says what the value is, and that for a range it is the low end."""
    unit = (choice("unit", N_("Unit of value."), units),) if units else ()
    return (
        choice("stock_or_flow", N_("`flow`: counted over the period from period_start to period_end; `stock`: standing "
                                   "at the date in period_end."), ("flow", "stock")),
        *period_columns(),
        choice("kind", N_("`actual`: reported as counted; `estimate` or `forecast`: what the source itself gives as "
                          "an estimate or a forecast. Charts draw estimates and forecasts hollow or dashed, apart from "
                          "actuals."), KINDS),
        number("value", value_description, minimum=0, in_quote=True),
        number("value_high", N_("The high end, when the source gives a range (8,000-9,000); empty otherwise."),
               required=False, minimum=0, in_quote=True),
        *unit, *approximation_columns(), stated_by(), source_column(), quote(),
        pointer("same_as", N_("When another row states the same figure from another report: the figure_id of the row "
                              "charts draw. Both rows stay; charts draw only the row named here, so no chart counts a "
                              "figure twice.")),
        pointer("part_of", N_("When the figure is part of another row's total (students among the registered, March "
                              "within the first quarter): that row's figure_id, so no chart adds a part to its "
                              "total.")),
        text("notes", N_("What a reader should know: caveats (fiscal or calendar year, what was counted), "
                         "disagreements with other rows."), required=False, translated=True),
        staff_notes(),
    )


def period_in_order() -> RowRule:
    return RowRule(("period_start", "period_end"), N_("period_end must not be before period_start"),
                   lambda table: ~(table["period_end"] < table["period_start"]))


def qualified_if_approximate() -> RowRule:
    return RowRule(("approximate", "qualifier"),
                   N_("an approximate figure needs the source's qualifier (about, over...), and an exact one none"),
                   lambda table: table["approximate"] == table["qualifier"].notna())


def open_period_explained() -> RowRule:
    return RowRule(("stock_or_flow", "period_start", "period_end", "notes"),
                   N_("a flow needs both ends of its period and a stock its date (period_end); where the source gives "
                      "none, notes say what it does say"),
                   lambda table: ((table["stock_or_flow"] == "flow") & table["period_start"].notna()
                                  & table["period_end"].notna())
                   | ((table["stock_or_flow"] == "stock") & table["period_end"].notna())
                   | table["notes"].notna())


def stock_at_one_date() -> RowRule:
    return RowRule(("stock_or_flow", "period_start"),
                   N_("a stock stands at one date: period_end holds it and period_start stays empty"),
                   lambda table: (table["stock_or_flow"] != "stock") | table["period_start"].isna())


def range_in_order() -> RowRule:
    return RowRule(("value", "value_high"), N_("a range's high end (value_high) must not be below its low end (value)"),
                   lambda table: ~(table["value_high"] < table["value"]))


def measures_are(column: str, by_measure: dict[str, tuple[str, ...]], description: str) -> RowRule:
    """Each measure is of a known stock_or_flow or counts a known thing."""
    return RowRule(("measure", column), description,
                   lambda table: pd.Series([value in by_measure.get(measure, ()) for measure, value
                                            in zip(table["measure"], table[column], strict=True)],
                                           index=table.index, dtype=bool))


FIGURE_RULES = (period_in_order(), open_period_explained(), stock_at_one_date(), qualified_if_approximate(),
                range_in_order(), no_precision_without_date("period_start", "start_precision"),
                no_precision_without_date("period_end", "end_precision"))

SOURCES = Dataset(
    "sources", N_("Sources"),
    N_("Every article, official statement and file a figure in Borderlines was read from, cited as its publisher "
       "cites it. Each row of every other dataset names one of these."),
    (
        identifier("source_id", N_("Short readable key, e.g. `diplomat-2022-11-russians-fled`.")),
        text("publisher", N_("The outlet or body that published the page, as it names itself; empty when the page "
                             "names none."), required=False),
        text("title", N_("The page's headline as published; a short description in [square brackets] only where the "
                         "page shows none.")),
        url("url", N_("Address of the page; empty only where it is not known."), required=False),
        *dated("date_published", N_("Publication date, as far as the page shows it."), required=False),
        date("date_accessed", N_("When the page was read, where recorded."), required=False),
        language("language", N_("Language of the page.")),
        text("notes", N_("What a reader should know about the page: whose figures it relays, that it is a copy or "
                         "a mirror, its own warnings."), required=False, translated=True),
        staff_notes(),
    ),
    (no_precision_without_date("date_published", "date_published_precision"),),
)
COUNTRIES = Dataset(
    "countries", N_("Countries"),
    N_("The countries the datasets name, keyed by ISO 3166-1 alpha-3 code. Reference list, no figures."),
    (
        country_code("iso3", N_("ISO 3166-1 alpha-3 code, e.g. `KAZ`.")),
        text("name", N_("English short name."), unique=True, translated=True),
    ),
)

PLACES = Dataset(
    "places", N_("Places"),
    N_("Points the maps draw: capitals, border cities and crossing points. Capitals use their well-known "
       "coordinates; every other point cites a source and quotes its coordinate line."),
    (
        identifier("place_id", N_("Short key, e.g. `upper-lars`.")),
        text("name", N_("Name as used in English-language reporting."), translated=True),
        country("country", N_("Country the point lies in. ISO 3166-1 alpha-3 code listed in `countries`.")),
        choice("kind", N_("What the point is."), ("capital", "city", "crossing")),
        number("lat", N_("Latitude in decimal degrees (north positive)."), minimum=-90, maximum=90, in_quote=True),
        number("lon", N_("Longitude in decimal degrees (east positive)."), minimum=-180, maximum=180, in_quote=True),
        choice("coordinate_basis", N_("`sourced` (source_id and quote required) or `well_known_capital`."),
               ("sourced", "well_known_capital")),
        reference("source_id", N_("Source of the coordinates; empty for a capital's well-known coordinate."),
                  "sources", required=False),
        quote(N_("The source's coordinate line, verbatim (degrees and minutes count: 53°12′ is 53.2); empty for a "
                 "capital's well-known coordinate."), required=False),
        text("notes", N_("Alternative coordinates, caveats."), required=False, translated=True),
        staff_notes(),
    ),
    (
        RowRule(("coordinate_basis", "source_id"), N_("a sourced coordinate needs a source_id, and its coordinate line "
                                                      "in quote"),
                lambda table: (table["coordinate_basis"] != "sourced")
                | (table["source_id"].notna() & table["quote"].notna())),
        RowRule(("coordinate_basis", "kind"), N_("only a capital may use well_known_capital coordinates"),
                lambda table: (table["coordinate_basis"] != "well_known_capital") | (table["kind"] == "capital")),
    ),
)

EVENTS = Dataset(
    "events", N_("Timeline of events"),
    N_("Dated policies and incidents: entry-rule changes, ban announcements, extraditions, the September 2022 "
       "mobilization, the March 2024 Crocus City Hall attack and what followed, US proclamations and visa bonds. "
       "Each event's source sentence is in `event_quotes`."),
    (
        identifier("event_id", N_("Short key.")),
        date("date", N_("When it happened or took effect, written to its precision: 2022-09-21, 2022-09 or 2022."),
             precision="date_precision"),
        choice("date_precision", N_("How much of the date is known: `day`, `month` or `year`."), DATE_PRECISIONS),
        country("acting_country", N_("Country whose government acted. ISO 3166-1 alpha-3 code listed in `countries`.")),
        country("affected_country", N_("Country whose citizens were affected; empty when it applies to all. ISO "
                                       "3166-1 alpha-3 code listed in `countries`."), required=False),
        choice("category", N_("Kind of event."),
               ("mobilization", "exodus", "entry_rule", "entry_ban", "extradition", "security", "us_restriction",
                "diplomacy", "migration_policy")),
        text("summary", N_("One plain sentence; its numbers are the source's (see `event_quotes`)."), translated=True),
        source_column(),
    ),
    quoted_in="event_quotes",
)

EVENT_QUOTES = Dataset(
    "event_quotes", N_("What the sources say about each event"),
    N_("The source's own sentence for every event in `events` (which keeps its columns as staff know them), and "
       "where two rows of `events` are two reports of one event."),
    (
        identifier("event_id", N_("The event, by its key in `events`; one row per event.")),
        quote(N_("The sentence of the event's source that states what happened and when, verbatim and in its "
                 "language; `...` marks words left out.")),
        pointer("same_as", N_("When this event is another report of an event already in `events`: that event's id. "
                              "The timeline draws only the event named here.")),
        text("notes", N_("What a reader should know: where reports disagree on the date or the facts."),
             required=False, translated=True),
        staff_notes(),
    ),
)

ENTRY_BANS = Dataset(
    "entry_bans", N_("Entry bans"),
    N_("People and groups barred from entering, in both directions: Russia barring Kazakh citizens and Kazakhstan "
       "barring Russians (\"undesirable persons\")."),
    (
        identifier("ban_id", N_("Short key.")),
        text("person_or_group", N_("Name of the person, or a description of the group."), translated=True),
        integer("count", N_("1 for a person; the reported number for a group."), minimum=1, in_quote=True,
                quoted_unless=1),
        *approximation_columns(),
        choice("occupation", N_("What the people do."),
               ("journalist", "activist", "scholar", "politician", "official", "media_figure", "other")),
        country("nationality", N_("Citizenship of the barred people. ISO 3166-1 alpha-3 code listed in `countries`.")),
        country("banning_country", N_("Country that bars them. ISO 3166-1 alpha-3 code listed in `countries`.")),
        date("date_reported", N_("When the ban was applied or reported, written to its precision; empty when the "
                                 "source gives no date."), required=False, precision="date_precision"),
        choice("date_precision", N_("How much of date_reported is known; empty when it is."), DATE_PRECISIONS,
               required=False),
        text("reason_or_context", N_("Stated reason, or the reported context where none was given."), required=False,
             translated=True),
        quote(N_("The source's sentence that names the person or group (and the number of a group), verbatim.")),
        staff_notes(),
        source_column(),
    ),
    (qualified_if_approximate(), with_precision("date_reported", "date_precision")),
)

EXTRADITION_DATES = (("date_left_home", N_("When the person left their country, where reported, written to its "
                                            "precision.")),
                     ("date_detained", N_("When detained, where reported, written to its precision.")),
                     ("date_decided", N_("When a court or authority decided, where reported, written to its "
                                         "precision.")),
                     ("date_returned", N_("When handed over, deported or extradited, where reported, written to its "
                                          "precision.")))

EXTRADITIONS = Dataset(
    "extraditions", N_("Extraditions and deportations"),
    N_("Individual cases of people returned, deported, held for extradition or stuck in a transit zone."),
    (
        identifier("case_id", N_("Short key.")),
        text("person", N_("Name as reported."), translated=True),
        country("nationality", N_("Citizenship. ISO 3166-1 alpha-3 code listed in `countries`.")),
        country("from_country", N_("Country holding or returning the person. ISO 3166-1 alpha-3 code listed in "
                                   "`countries`.")),
        country("to_country", N_("Country seeking or receiving the person; empty when none is reported (someone "
                                 "stuck in a transit zone). ISO 3166-1 alpha-3 code listed in `countries`."),
                required=False),
        *(column for name, words in EXTRADITION_DATES
          for column in dated(name, words, required=False)),
        choice("status", N_("Latest reported status."),
               ("extradited", "deported", "pending", "stuck_in_transit_zone", "released", "refused", "unknown")),
        choice("asylum_status", N_("Asylum status as reported."), ("granted", "refused", "pending", "not_sought",
                                                               "unknown")),
        ColumnSpec("summary", "text", N_("One or two plain sentences; every number in them is the source's."),
                   numbers_in_quote=True, translated=True),
        source_column(),
        quote(),
        pointer("same_as", N_("When this row is another report of a case already listed: that case's id. Charts "
                              "count the case once, by the row named here.")),
        staff_notes(),
    ),
    tuple(no_precision_without_date(name, f"{name}_precision") for name, _ in EXTRADITION_DATES),
)

CROSSING_MEASURES = {
    # measure: (stock or flow, what it counts)
    "entered": ("flow", "crossings"), "left": ("flow", "crossings"), "moved_on": ("flow", "people"),
    "remained": ("stock", "people"), "present": ("stock", "people"), "permit_holders": ("stock", "people"),
    "id_numbers_issued": ("flow", "documents"), "permits_issued": ("flow", "documents"),
    "citizenship_applications": ("flow", "people"), "crossed": ("flow", "crossings"),
}

BORDER_CROSSINGS = Dataset(
    "border_crossings", N_("The 2022 exodus: official figures"),
    N_("Dated figures stated by officials after Russia's mobilization of 21 September 2022 (and comparison figures), "
       "by destination country. Entries and exits count border crossings, not people: one person crossing twice is "
       "counted twice. `counts` says what each row counts; `stock_or_flow` whether it is counted over a period or "
       "stands at a date."),
    (
        identifier("figure_id", N_("Short key.")),
        country("origin_country", N_("Country people came from. ISO 3166-1 alpha-3 code listed in `countries`.")),
        country("destination_country", N_("Country they entered. ISO 3166-1 alpha-3 code listed in `countries`.")),
        choice("measure", N_("What the figure is: entries and exits, or crossings whose direction is not given "
                             "(crossings); people who moved on to third "
                             "countries; people who remained of those who came, or all of them present at a date; "
                             "people holding permits; documents issued; citizenship applications."),
               tuple(CROSSING_MEASURES)),
        choice("basis", N_("For a flow: `daily` (one day, or 24 hours) or `cumulative` (a longer period); empty for a "
                           "stock."), ("daily", "cumulative"), required=False),
        text("subgroup", N_("Who the figure covers when narrower than the measure (working, students...); empty "
                            "otherwise."), required=False, translated=True),
        choice("counts", N_("What is counted: border crossings, people, or documents issued."), COUNTS),
        reference("place_id", N_("Checkpoint the figure is for, when it is for one (a key of `places`)."), "places",
                  required=False),
        *figure_columns(N_("The figure as stated. For a range, its low end.")),
    ),
    (*FIGURE_RULES,
     measures_are("counts", {measure: (counts,) for measure, (_, counts) in CROSSING_MEASURES.items()},
                  N_("entered and left count crossings (as do crossings whose direction is not given); moved on, "
                     "remained, present, permit holders and citizenship applications count people; issued documents "
                     "count documents")),
     measures_are("stock_or_flow", {measure: (kind,) for measure, (kind, _) in CROSSING_MEASURES.items()},
                  N_("remained, present and permit holders are stocks (at a date); the rest are flows (over a "
                     "period)")),
     RowRule(("stock_or_flow", "basis"), N_("a flow says whether it is daily or cumulative, and a stock neither"),
             lambda table: (table["stock_or_flow"] == "flow") == table["basis"].notna())),
)

ENTRY_RULES = Dataset(
    "entry_rules", N_("Entry and stay rules"),
    N_("Rules by country and group: how long visitors may stay, in what window, and from when."),
    (
        identifier("rule_id", N_("Short key.")),
        country("country", N_("Country that sets the rule. ISO 3166-1 alpha-3 code listed in `countries`.")),
        text("applies_to", N_("Who the rule applies to, in plain words."), translated=True),
        choice("rule_kind", N_("Kind of rule."),
               ("stay_limit", "registration", "entry_procedure", "entry_suspension", "visa_bond")),
        date("effective_date", N_("First day the rule applies, written to its precision (2024-11 when only the month "
                                  "is known)."), precision="date_precision"),
        choice("date_precision", N_("How much of effective_date is known."), DATE_PRECISIONS),
        *dated("end_date", N_("Last day it applied, if it has ended."), required=False, end=True),
        choice("reported_as", N_("`in_force`: the source reports the rule applying from effective_date; `announced`: "
                                 "it reports the rule as due to take effect then, and no source here reports that it "
                                 "did. Charts draw announced rules apart."), ("in_force", "announced")),
        integer("max_stay_days", N_("Longest allowed stay in days, where the rule sets one; for a registration rule, "
                                    "the days allowed before registering."), required=False, minimum=1, in_quote=True),
        integer("window_days", N_("Length of the window the stay is counted in, where the rule has one."),
                required=False, minimum=1, in_quote=True),
        choice("window_kind", N_("`rolling` (any N days), `calendar_year`, `per_entry`."),
               ("rolling", "calendar_year", "per_entry"), required=False),
        ColumnSpec("summary", "text", N_("The rule in one plain sentence; every number in it is the source's."),
                   numbers_in_quote=True, translated=True),
        source_column(),
        quote(),
        staff_notes(),
    ),
    (RowRule(("effective_date", "end_date"), N_("end_date must not be before effective_date"),
             lambda table: ~(table["end_date"] < table["effective_date"])),
     no_precision_without_date("end_date", "end_date_precision")),
)

REMITTANCES = Dataset(
    "remittances", N_("Remittances and money transfers"),
    N_("Money sent from Russia to Central Asia. Bank of Russia money-transfer-system figures (to 2021) and recipient "
       "central bank figures (from 2022) are different series, counted differently: never join them into one line."),
    (
        identifier("figure_id", N_("Short key.")),
        country("from_country", N_("Sending country; empty for a figure over all senders (a share of GDP, a total "
                                   "from abroad). ISO 3166-1 alpha-3 code listed in `countries`."), required=False),
        country("to_country", N_("Receiving country; empty for a total to several countries (notes say which). ISO "
                                 "3166-1 alpha-3 code listed in `countries`."), required=False),
        choice("series", N_("Which statistical series the figure belongs to."),
               ("bank_of_russia_transfers", "recipient_central_bank", "world_bank", "other")),
        choice("measure", N_("What the figure is: transfers (money-transfer systems), personal remittances, "
                             "remittances as a share of GDP, growth on the year before, or Russia's share of all "
                             "remittances received."),
               ("money_transfers", "personal_remittances", "remittances_share_of_gdp", "growth_factor",
                "share_from_russia")),
        *figure_columns(N_("The figure as stated: US dollars in full, percent (of GDP, or of all remittances), or a "
                           "ratio. For a range, its low end."), ("usd", "percent_of_gdp", "ratio", "percent")),
    ),
    FIGURE_RULES,
)

WORKER_MEASURES = {
    "work_entries": (("flow",), ("crossings", "people")), "arrived_for_work": (("flow",), ("people",)),
    "all_entries": (("flow",), ("crossings", "people")), "patents_issued": (("flow",), ("documents",)),
    "registered": (("flow",), ("people",)), "registered_stock": (("stock",), ("people",)),
    "labour_migrants": (("stock",), ("people",)), "labour_emigrants": (("flow",), ("people",)),
    "citizenship_granted": (("flow",), ("people",)), "expulsions": (("flow",), ("people",)),
    "deportations": (("flow",), ("people",)), "extraditions": (("flow",), ("people",)),
    "share_of_arrivals": (("flow",), ("people",)), "share_of_migrants": (("stock", "flow"), ("people",)),
}

MIGRANT_WORKERS = Dataset(
    "migrant_workers", N_("Migrant workers"),
    N_("Central Asian workers in Russia: entries for work (border crossings, FSB), arrivals registered for work "
       "(people, MVD), work patents (documents), registered stocks and labour migrants (people), citizenship grants, "
       "expulsions and labour emigration."),
    (
        identifier("figure_id", N_("Short key.")),
        country("origin_country", N_("Citizenship of the workers; empty for an all-countries total. ISO 3166-1 "
                                     "alpha-3 code listed in `countries`."), required=False),
        country("host_country", N_("Country they work in; empty for all destinations (notes say so). ISO 3166-1 "
                                   "alpha-3 code listed in `countries`."), required=False),
        choice("measure", N_("What the figure is."), tuple(WORKER_MEASURES)),
        choice("counts", N_("What is counted: border crossings, people, or documents issued."), COUNTS),
        *figure_columns(N_("The figure as stated: a count, or a percent. For a range, its low end."),
                        ("count", "percent")),
    ),
    (*FIGURE_RULES,
     measures_are("counts", {measure: counts for measure, (_, counts) in WORKER_MEASURES.items()},
                  N_("entries, for work or for any purpose, count crossings (or people where the source counts "
                     "people); patents count documents; the rest count people")),
     measures_are("stock_or_flow", {measure: kinds for measure, (kinds, _) in WORKER_MEASURES.items()},
                  N_("registered stocks and labour migrants are stocks (at a date); entries, arrivals, patents, "
                     "grants, expulsions and emigration are flows (over a period)"))),
)

US_VISAS = Dataset(
    "us_visas", N_("US visas, overstays and removals"),
    N_("US State Department visa refusal rates, DHS overstay rates and counts, visas issued, removals and visa-bond "
       "amounts for Central Asian countries."),
    (
        identifier("figure_id", N_("Short key.")),
        country("country", N_("Country of citizenship; empty for a figure over all countries. ISO 3166-1 alpha-3 "
                              "code listed in `countries`."), required=False),
        choice("measure", N_("What the figure is."),
               ("b_visa_refusal_rate", "nonimmigrant_visa_refusal_rate", "overstay_rate_b1_b2",
                "overstay_rate_f_m_j", "overall_overstay_rate", "overstays", "nonimmigrant_visas_issued", "removals",
                "visa_bond_usd")),
        *figure_columns(N_("The figure as stated. For a range, its low end."), ("percent", "count", "usd")),
    ),
    (*FIGURE_RULES,
     RowRule(("unit", "value"), N_("a percent must be at most 100"),
             lambda table: (table["unit"] != "percent") | (table["value"] <= 100))),
)

BORDER_FACTS = Dataset(
    "border_facts", N_("The Kazakhstan–Russia border"),
    N_("The border's length and its crossing points, as each source gives them: the sources disagree, and every "
       "figure is kept with its source."),
    (
        identifier("figure_id", N_("Short key.")),
        choice("measure", N_("What the figure is."), ("length_km", "crossing_points", "road_crossing_points",
                                                  "congested_crossing_points")),
        *figure_columns(N_("The figure as stated. For a range, its low end."), ("km", "count")),
    ),
    FIGURE_RULES,
)

THE_DATA = (SOURCES, COUNTRIES, PLACES, EVENT_QUOTES, EVENTS, ENTRY_BANS, EXTRADITIONS, BORDER_CROSSINGS,
            ENTRY_RULES, REMITTANCES, MIGRANT_WORKERS, US_VISAS, BORDER_FACTS)
# Each dataset with text readers see, and its translated columns.
TRANSLATED: dict[str, tuple[str, ...]] = {dataset.name: tuple(dataset.translated_columns) for dataset in THE_DATA
                                          if dataset.translated_columns}
TRANSLATED_IN_WORDS = "; ".join(f"{name}: {', '.join(columns)}" for name, columns in TRANSLATED.items())
# The languages the data's text is translated into: every language the site speaks but English, the data's own.
TRANSLATION_LANGUAGES = tuple(code for code in LANGUAGES if code != ENGLISH)

TRANSLATIONS = Dataset(
    "translations", N_("Translations of the data's text"),
    N_("The text readers see in the other datasets (country and place names, event summaries, names, rules and "
       "notes), in every language the site speaks besides English: one row per language, dataset, row and column, "
       "and every non-empty cell of a translated column needs its row here. `row_id` is the key of a row of that "
       "dataset. A translation writes figures the way its language does (200 000; 15,35 %) and states only the "
       "English text's figures. Quotes stay in their source's language, and titles and publishers as published: they "
       "are never translated. A new English cell waiting for its translation, or a translation whose row is gone, is "
       "a problem of this file, never of the dataset that changed (publishing that is not held back); readers see the "
       "English text until the translation is added."),
    (
        identifier("translation_id", N_("Short key, e.g. `ru-events-ru-mobilization-announced-summary` (language, "
                                        "dataset, row and column).")),
        choice("language", N_("The language of the translation (English is the data's own)."), TRANSLATION_LANGUAGES),
        choice("dataset", N_("The dataset whose text it translates."), tuple(TRANSLATED)),
        row_key("row_id", N_("The row, by its key in that dataset (`event_id`, `iso3`...).")),
        choice("column", Rule(N_("The column translated: {columns}."), columns=TRANSLATED_IN_WORDS),
               tuple(dict.fromkeys(column for columns in TRANSLATED.values() for column in columns))),
        text("text", N_("The cell's text in that language, as that language's press would write it; it states no "
                        "number the English text does not state.")),
        text("english", N_("The English text the translation was made from, as it read then. When that text is "
                           "edited in its dataset, the check says the translation may be out of date until it is "
                           "looked at again and this cell brought up to date.")),
        staff_notes(),
    ),
    (RowRule(("dataset", "column"), Rule(N_("column must be one of the dataset's translated columns: {columns}"),
                                         columns=TRANSLATED_IN_WORDS),
             lambda table: pd.Series([column in TRANSLATED.get(name, ()) for name, column
                                      in zip(table["dataset"], table["column"], strict=True)],
                                     index=table.index, dtype=bool)),),
    translates=tuple(TRANSLATED),
)

# Reference datasets come first: the others are checked against their keys (translations last: it translates
# every other dataset's text).
DATASETS: dict[str, Dataset] = {dataset.name: dataset for dataset in (*THE_DATA, TRANSLATIONS)}
