"""Reading the deck file and finding what stops a slide from playing.

The file is Markdown that staff edit. `# Title` names the deck; each `## Headline` starts a slide. The lines right
under a headline are its settings, one `name: value` a line: `chart:` (a name from charts/registry.py), `takeaway:`
(one line), and the chart's filters by the names and values its page puts in the URL (`country: KAZ, RUS`). After
the first blank line come the speaker notes. A slide that cannot play says why, and the other slides still play.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from charts.registry import CHARTS
from charts.spec import ChartSpec, Frames
from i18n import _

SETTING = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*)$")
# What a slide can show: every chart and map of the registry (its tables belong on the pages).
SLIDE_CHARTS = {name: spec for name, spec in CHARTS.items() if not spec.is_table}


@dataclass(frozen=True)
class Slide:
    number: int
    headline: str
    chart: str
    takeaway: str
    filters: dict[str, str]
    notes: str
    problems: list[str] = field(default_factory=list)

    @property
    def spec(self) -> ChartSpec | None:
        return SLIDE_CHARTS.get(self.chart)

    def describe(self) -> str:
        return (_("slide {number} ('{headline}')") if self.headline else _("slide {number}")).format(
            number=self.number, headline=self.headline)


@dataclass(frozen=True)
class Deck:
    title: str
    slides: list[Slide]

    @property
    def problems(self) -> list[str]:
        return [f"{slide.describe()}: {problem}" for slide in self.slides for problem in slide.problems]


def parse_deck(text: str) -> Deck:
    """Slides from the file's text; a slide missing its chart, headline or takeaway carries that as a problem."""
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), _("Briefing"))
    sections = re.split(r"^## ?", text, flags=re.MULTILINE)[1:]
    return Deck(title, [parse_slide(number, section) for number, section in enumerate(sections, start=1)])


def parse_slide(number: int, section: str) -> Slide:
    headline, _newline, body = section.partition("\n")
    lines = body.strip("\n").splitlines()
    settings: dict[str, str] = {}
    while lines and (match := SETTING.match(lines[0].strip())):
        settings[match[1].lower()] = match[2].strip()
        lines.pop(0)
    chart, takeaway = settings.pop("chart", ""), settings.pop("takeaway", "")
    if not (chart or takeaway or settings):
        problems = [_("the slide is empty: add a 'chart: ...' and a 'takeaway: ...' line under the headline")]
    else:
        problems = [_("no {setting}: add a line '{setting}: ...' under the headline").format(setting=what)
                    for what, value in (("chart", chart), ("takeaway", takeaway)) if not value]
    if not headline.strip():
        problems.insert(0, _("no headline: write it after '## '"))
    return Slide(number, headline.strip(), chart, takeaway, settings, "\n".join(lines).strip(), problems)


def filter_values(slide: Slide) -> dict[str, str | list[str]]:
    """The slide's filters as the chart takes them: split into lists where the chart allows several values, left as
    written elsewhere (including names the chart does not know, so they can be reported)."""
    kinds = {item.param: item.kind for item in slide.spec.filters} if slide.spec else {}
    return {param: [part.strip() for part in value.split(",") if part.strip()] if kinds.get(param) == "many"
            else value for param, value in slide.filters.items()}


def playing_problems(slide: Slide, frames: Frames) -> list[str]:
    """Why a slide cannot be drawn from these tables: its own problems, then an unknown chart, filter or value, a
    dataset that failed its check, or filters that match no rows."""
    if slide.problems:
        return slide.problems
    spec = slide.spec
    if spec is None:
        return [_("unknown chart '{chart}'; the charts are: {charts}").format(chart=slide.chart,
                                                                              charts=", ".join(SLIDE_CHARTS))]
    missing = [name for name in spec.reads if name not in frames]
    if missing:
        return [_("the chart needs {datasets}, which failed its check").format(datasets=", ".join(missing))]
    problems = []
    filters = {item.param: item for item in spec.filters}
    for param, value in filter_values(slide).items():
        item = filters.get(param)
        if item is None:
            problems.append(_("unknown filter '{filter}' for chart '{chart}'; its filters are: {filters}").format(
                filter=param, chart=spec.name, filters=", ".join(filters) or _("none")))
        elif item.options:
            allowed = item.options(frames)
            unknown = [part for part in ([value] if isinstance(value, str) else value) if part not in allowed]
            if unknown or not value:
                problems.append(_("filter '{filter}' has no value '{value}'; it may be: {values}").format(
                    filter=param, value=", ".join(unknown) or value, values=", ".join(allowed)))
    if not problems and spec.rows(frames, filter_values(slide)).empty:
        problems.append(_("its filters match no rows, so the chart would be empty"))
    return problems


def checked_deck(text: str, frames: Frames) -> Deck:
    """The deck with every slide's playing problems attached."""
    deck = parse_deck(text)
    return Deck(deck.title, [Slide(slide.number, slide.headline, slide.chart, slide.takeaway, slide.filters,
                                   slide.notes, playing_problems(slide, frames)) for slide in deck.slides])


def deck_problems(label: str, text: str, frames: Frames) -> list[str]:
    """What `python -m catalog check` prints for a deck: one line per problem, naming the file (`label`) and the
    slide."""
    deck = checked_deck(text, frames)
    if not deck.slides:
        return [_("{file}: no slides; start each with '## Headline'").format(file=label)]
    return [f"{label}, {problem}" for problem in deck.problems]
