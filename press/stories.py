"""The reader pages' stories, told once: each page's title, prose, sections and the registry charts they show, in
order. The app's pages (pages/*.py through ui.story.tell) and the edition's static story pages (press.build) both
read them, so the words a reader meets in the app and in an article's link are the same.

Prose is Markdown written by the newsroom (never text from data). A section either shows registry charts (shown at
the reader's filters in the app, at their defaults in the edition), or names a `part` that each side draws in its own
way: the headline figures, which both draw from `headline_figures`, and the stay calculator, which only the app can
run. Pure: tables in, words out; reads no file.

The words are written in English and marked for translation; a story read while a language is spoken (a reader's
page, an edition in that language, a test) reads in it, headline figures included ("200 000", "около 70").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import pandas as pd

from i18n import ENGLISH, N_, _, language
from i18n.formats import number, percent


class Told:
    """A part of a story whose words (the fields named in WORDS) are written here in English, marked with N_, and
    read in the language being spoken: the app's pages and the edition read `story.title` or `section.prose` and get
    the reader's language, without a translation step of their own."""

    WORDS: ClassVar[frozenset[str]] = frozenset()

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        return _(value) if name in type(self).WORDS else value


@dataclass(frozen=True)
class Section(Told):
    """Part of a story: a heading (or none), prose, then registry charts by name; `folded` puts the charts in a
    fold labelled with the heading (an expander in the app, a details element in the edition)."""

    WORDS = frozenset({"heading", "prose"})

    heading: str = ""
    prose: str = ""
    charts: tuple[str, ...] = ()
    folded: bool = False
    part: str = ""


@dataclass(frozen=True)
class Story(Told):
    """One reader page: `page` is its URL path and file name (pages/PAGE.py); `summary` one sentence for the
    edition's index and share cards."""

    WORDS = frozenset({"title", "summary"})

    page: str
    title: str
    summary: str
    sections: tuple[Section, ...]

    @property
    def charts(self) -> tuple[str, ...]:
        return tuple(name for section in self.sections for name in section.charts)


@dataclass(frozen=True)
class HeadlineFigure:
    """A number with what it means, from one row of a table; `text` is None when a hand edit removed the row."""

    label: str
    text: str | None
    meaning: str
    dataset: str
    source_id: str | None


# A source's qualifier before its figure ("around 70"), as each language puts it; one the list lacks is written as
# the source wrote it.
QUALIFIED = {"around": N_("around {count}"), "about": N_("about {count}"), "approximately": N_("approximately {count}"),
             "over": N_("over {count}"), "more than": N_("more than {count}"), "at least": N_("at least {count}"),
             "up to": N_("up to {count}"), "nearly": N_("nearly {count}"), "almost": N_("almost {count}")}


def thousands(row: dict) -> str:
    """200,000 (200 000 in Russian)."""
    return number(row["value"])


def qualified(row: dict) -> str:
    """around 70 (около 70)."""
    qualifier = row["qualifier"]
    if qualifier in QUALIFIED:
        return _(QUALIFIED[qualifier]).format(count=number(row["count"]))
    return f"{qualifier} {number(row['count'])}"


def fold(row: dict) -> str:
    """13-fold (в 13 раз)."""
    value = row["value"]
    written = f"{value:g}"
    if language() != ENGLISH:
        written = number(value, len(written.partition(".")[2]))
    return _("{value}-fold").format(value=written)


def hundredths_of_a_percent(row: dict) -> str:
    """15.35% (15,35 %)."""
    return percent(row["value"], 2)


# (dataset, key column, row id, short label, how the number is written, what it means)
HEADLINES: list[tuple[str, str, str, str, Callable[[dict], str], str]] = [
    ("border_crossings", "figure_id", "kz-2022-10-04-entered-200k", N_("Into Kazakhstan"), thousands,
     N_("border crossings by Russians into Kazakhstan from 21 September to 4 October 2022, after the mobilization")),
    ("entry_bans", "ban_id", "ru-bars-kz-scholars", N_("Scholars barred"), qualified,
     N_("Kazakh scholars barred from entering Russia, reported in May 2025")),
    ("remittances", "figure_id", "nbk-kaz-13-fold", N_("Money transfers"), fold,
     N_("rise in transfers from Russia to Kazakhstan on the same period a year earlier, reported by Kazakhstan's "
        "central bank in October 2022")),
    ("us_visas", "figure_id", "tkm-overstay-b1b2-fy2023", N_("US overstays"), hundredths_of_a_percent,
     N_("of Turkmen business and tourist (B-1/B-2) visitors overstayed their US visas in fiscal year 2023")),
]
HEADLINE_DATASETS = tuple(dict.fromkeys(dataset for dataset, *_rest in HEADLINES))


def headline_figures(tables) -> list[HeadlineFigure]:
    """The overview's headline numbers, each from its row of the published tables, in the language being spoken."""
    figures = []
    for dataset, key, row_id, label, written, meaning in HEADLINES:
        table = tables[dataset].set_index(key)
        if row_id not in table.index:
            figures.append(HeadlineFigure(_(label), None, _(meaning), dataset, None))
            continue
        row = table.loc[row_id]
        figures.append(HeadlineFigure(_(label), written(row.to_dict()), _(meaning), dataset, row["source_id"]))
    return figures


# Each measure: its label and what the rate means, whole sentences in each language.
OVERSTAY_KINDS = {
    "overstay_rate_b1_b2": (N_("B-1/B-2 overstays"), N_(
        "of Turkmen business and tourist visitors stayed past their visas in US fiscal year 2023 (1 Oct 2022 to "
        "30 Sep 2023), the figure the proclamation cited")),
    "overstay_rate_f_m_j": (N_("F, M, J overstays"), N_(
        "of Turkmen student and exchange visitors stayed past their visas in US fiscal year 2023 (1 Oct 2022 to "
        "30 Sep 2023), the figure the proclamation cited")),
}


def overstay_figures(overstays: pd.DataFrame) -> list[HeadlineFigure]:
    """Turkmenistan's overstay rates (rows from charts.us_visas.overstay_rates) as figures with their meaning."""
    figures = []
    for row in overstays.itertuples():
        label, meaning = OVERSTAY_KINDS[row.measure]
        figures.append(HeadlineFigure(_(label), percent(row.value, 2), _(meaning), "us_visas", row.source_id))
    return figures


STORIES: dict[str, Story] = {story.page: story for story in [
    Story("overview", N_("Borderlines"), N_(
        "Border politics between Russia, Kazakhstan and the rest of Central Asia, in four numbers and one timeline."), (
        Section(prose=N_(
            "Border politics between Russia, Kazakhstan and the rest of Central Asia: tit-for-tat entry bans, "
            "extraditions of dissidents, the exodus after Russia's mobilization of 21 September 2022, changing entry "
            "rules, remittances, migrant workers, and US entry restrictions and visa overstays. Every number here "
            "links to where it was published.")),
        Section(part="headline_figures"),
        Section(N_("Timeline"), charts=("events_timeline",)),
    )),
    Story("exodus", N_("The 2022 exodus"), N_(
        "Russians crossing into Kazakhstan, Georgia, Finland and Mongolia after the mobilization of 21 September 2022, "
        "as officials counted them."), (
        Section(prose=N_(
            "After Russia announced a \"partial\" mobilization on 21 September 2022, queues formed at every land "
            "border. Officials in the neighbouring countries gave running counts. These are **border crossings, not "
            "people**: someone who entered twice is counted twice, and many moved on.")),
        Section(N_("Counted since the mobilization"), charts=("exodus_map",)),
        Section(N_("Every dated statement"), charts=("exodus_statements",)),
        Section(N_("Who stayed"), N_(
            "Counts at a date of people still in the country, or holding permits; people who moved on to third "
            "countries; applications for citizenship; and documents issued to arrivals (ID numbers, permits). A row "
            "marked `part_of` is part of another row's total, and one marked `same_as` is another report of a figure "
            "already listed."), charts=("who_stayed",)),
        Section(N_("The border"), N_(
            "Kazakhstan and Russia share one of the world's longest land borders (\"the world's longest continuous "
            "border\", The Diplomat wrote; \"the second longest\", says another report), and the sources do not agree "
            "how long it is. Every length below is a source's own figure."), charts=("border_lengths",)),
        Section(N_("Every figure about the border: lengths and crossing points"), charts=("border_facts",),
                folded=True),
    )),
    Story("entry_bans", N_("Entry bans"), N_("Russia and Kazakhstan barring each other's citizens, in 2025."), (
        Section(prose=N_(
            "In spring 2025 Russia and Kazakhstan began barring each other's citizens: Kazakhstan turned away a "
            "Russian historian and blacklisted Duma deputies; Russia declared a Kazakh journalist and an activist "
            "\"undesirable\" and, according to Radio Azattyk, barred around 70 Kazakh scholars. Each row below is a "
            "person or group as reported, with its source.")),
        Section(charts=("bans_timeline", "bans_by_occupation")),
        Section(N_("Who bars whom"), charts=("bans_map",)),
    )),
    Story("extraditions", N_("Extraditions"), N_(
        "Russians (and others) held, returned or stranded, mostly by Kazakhstan, since 2022."), (
        Section(prose=N_(
            "Kazakhstan said in September 2022 that it would not hand over Russians fleeing the draft unless they were "
            "wanted on criminal charges. Since then it has returned some, among them a former presidential guard and "
            "anti-war activists with asylum claims pending. Each row is one case as reported; where two sources "
            "disagree, both rows are kept.")),
        Section(charts=("extradition_status", "extradition_steps")),
    )),
    Story("entry_rules", N_("Entry rules"), N_(
        "How long Russians and Central Asians may stay, and how the rules changed."), (
        Section(prose=N_(
            "Russia and Kazakhstan have both tightened how long visitors may stay: Kazakhstan set a limit of 90 days "
            "in any 180 for visitors from the Eurasian Economic Union from 27 January 2023, and Russia cut "
            "visa-free stays to 90 days per calendar year from 1 January 2025. Russia also announced a QR code for "
            "entry from 30 June 2025. Hatched bars are rules their sources report only as announced.")),
        Section(N_("When each rule applied"), charts=("entry_rules_timeline",)),
        Section(N_("Stay calculator"), part="stay_calculator"),
    )),
    Story("money", N_("Money and migrants"), N_(
        "What Central Asians working in Russia send home, and how many go."), (
        Section(prose=N_(
            "Millions of Uzbeks, Tajiks and Kyrgyz work in Russia, and the money they send home is a large part of "
            "their countries' economies. After 2022 the flows jumped. The figures come from different bodies that "
            "count differently: the Bank of Russia published money-transfer-system totals by country until 2021; from "
            "2022 the recipients' central banks report their own. The two series are drawn apart and never joined. "
            "Hollow dots are estimates and forecasts the sources give, never joined to the counted figures.")),
        Section(charts=("transfers_by_year",)),
        Section(N_("Remittances as a share of GDP"), charts=("remittances_share_of_gdp",)),
        Section(N_("Every remittance figure, including part-year, share-of-GDP and all-sender figures"),
                charts=("remittance_figures",), folded=True),
        Section(N_("Migrant workers"), charts=("work_entries",)),
        Section(prose=N_(
            "The Interior Ministry counts something else: the people who came to work, not their crossings."),
                charts=("work_arrivals",)),
        Section(N_("Every migrant-worker figure: patents, registered stocks, citizenship, expulsions"),
                charts=("migrant_worker_figures",), folded=True),
    )),
    Story("us_restrictions", N_("US restrictions"), N_(
        "Visa refusals, Turkmenistan's overstays, the June 2025 proclamation and the 2026 visa bonds."), (
        Section(prose=N_(
            "The United States refuses around half of Central Asians' tourist and business visa applications. In June "
            "2025 Proclamation 10949 partially suspended entry for citizens of Turkmenistan, citing overstay rates; "
            "from January 2026, citizens of Turkmenistan, Kyrgyzstan and Tajikistan may have to post a bond of up to "
            "$15,000 for a visa.")),
        Section(charts=("us_visa_refusals",)),
        Section(N_("Refusal rates on the map"), charts=("us_refusal_map",)),
        Section(N_("Turkmenistan's overstays"), part="overstays"),
        Section(N_("The restrictions and when they apply"), charts=("us_rules_in_force",)),
    )),
]}
