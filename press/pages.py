"""The edition's HTML: embed pages, story pages, the index and the Data & sources page, as strings.

Every piece of text that comes from data is escaped here (`text`), and plotly's own markup in titles (written by
charts.text.plain, which already escaped the data in it) is read back to plain text first, so a cell holding
"<script>" shows as those characters and nothing else. Figures travel as JSON inside <script type="application/json">
with "<" written as \\u003c, so no cell can close the script element.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
from markdown_it import MarkdownIt

from catalog.export import dates_as_written
from charts.sources import publisher_name
from charts.spec import Chart, ChartSpec
from charts.text import safe_link, title_parts
from i18n import LANGUAGES, _, language, ngettext
from i18n.formats import number
from press.stories import HeadlineFigure

PROSE = MarkdownIt("commonmark", {"html": False})
TAG = re.compile(r"<[^>]*>")


def text(value: object) -> str:
    """Any value as HTML text: escaped, quotes included, so it is safe in an attribute too."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    return html.escape(str(value), quote=True)


def from_plotly(markup: str) -> str:
    """Plotly's title markup ('A<br><sup>B</sup>', data already escaped) as plain text."""
    return " ".join(html.unescape(TAG.sub(" ", markup or "")).split())


def json_in_html(value: object) -> str:
    return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")


@dataclass(frozen=True)
class Card:
    """What a page says about itself to search engines and to share previews (Open Graph, Twitter cards)."""

    title: str
    description: str
    url: str  # the permanent, versioned address
    image: str | None = None  # absolute address of a PNG
    image_alt: str = ""
    image_size: tuple[int, int] | None = None


@dataclass(frozen=True)
class Assets:
    """The scripts, styles and icon a page loads, from the folder `prefix` (relative to the page). The build names
    each file after its content's hash, so that a name under /latest/ never changes meaning and every asset can be
    cached for a year; `names` maps each plain name to that."""

    prefix: str
    names: dict[str, str]

    def url(self, name: str) -> str:
        return self.prefix + self.names[name]

    def under(self, prefix: str) -> Assets:
        return Assets(prefix, self.names)


def head(card: Card, assets: Assets, site: str, *, charts: bool = True, maps: bool = False) -> str:
    """The page's head: its card tags, styles, and the scripts it needs (plotly.js for charts, deck.gl for maps)."""
    tags = [("og:type", "article"), ("og:site_name", site), ("og:title", card.title),
            ("og:description", card.description), ("og:url", card.url)]
    if card.image:
        tags += [("og:image", card.image), ("og:image:type", "image/png"), ("og:image:alt", card.image_alt)]
        if card.image_size:
            tags += [("og:image:width", str(card.image_size[0])), ("og:image:height", str(card.image_size[1]))]
    twitter = [("twitter:card", "summary_large_image" if card.image else "summary"), ("twitter:title", card.title),
               ("twitter:description", card.description)]
    if card.image:
        twitter += [("twitter:image", card.image), ("twitter:image:alt", card.image_alt)]
    scripts = ["plotly-basic.min.js"] if charts else []
    scripts += (["deck.gl.min.js", "deck.gl-json.min.js"] if maps else []) + ["edition.js"]
    return "\n".join([
        "<!doctype html>", f'<html lang="{language()}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(card.title)} · {text(site)}</title>",
        f'<meta name="description" content="{text(card.description)}">',
        f'<link rel="canonical" href="{text(card.url)}">',
        *(f'<meta property="{name}" content="{text(value)}">' for name, value in tags),
        *(f'<meta name="{name}" content="{text(value)}">' for name, value in twitter),
        f'<link rel="icon" href="{assets.url("favicon.png")}">',
        f'<link rel="stylesheet" href="{assets.url("palette.css")}">',
        f'<link rel="stylesheet" href="{assets.url("edition.css")}">',
        *(f'<script src="{assets.url(script)}" defer></script>' for script in scripts),
        "</head>"])


# Above an embed's untitled figure: the mode bar's row.
MODE_BAR_ROOM = 36


def untitled_height(figure: go.Figure) -> int:
    """How tall the figure is without its title's room above the plot."""
    top = figure.layout.margin.t if figure.layout.margin.t is not None else 70
    return (figure.layout.height or 450) - max(0, top - MODE_BAR_ROOM)


def untitled(figure: go.Figure) -> go.Figure:
    """The figure without its title, which the page writes as HTML (where it wraps at any width)."""
    # The plot keeps its height, so a legend hung under it (in the plot's heights) stays where it was.
    return go.Figure(figure).update_layout(title_text="", margin={"t": MODE_BAR_ROOM}, height=untitled_height(figure))


def embed_height(chart: Chart) -> int:
    """About how tall an embed page is at a laptop's width, for the iframe before its page reports its height."""
    if chart.figure is None:
        return 480
    figure_height = chart.height if chart.is_map else untitled_height(chart.figure)  # no copy of the figure
    return int(figure_height) + 220


def source_list(sources: pd.DataFrame) -> str:
    """'Sources: Publisher, Title; ...' with each title linked to where it was published."""
    parts = []
    for row in sources.itertuples():
        label = f"{text(publisher_name(row.publisher))}, {text(row.title)}"
        link = safe_link(row.url) if isinstance(row.url, str) else None
        parts.append(f'<a href="{text(link)}" rel="noopener">{label}</a>' if link else label)
    if not parts:
        return ""
    listed = "; ".join(parts)
    return "<p>" + (_("Source: {sources}") if len(parts) == 1 else _("Sources: {sources}")).format(sources=listed) \
        + "</p>"


def scrolling_table(table: str, label: str) -> str:
    """A table in a region a keyboard can reach, so that one wider than a phone scrolls without a mouse."""
    return f'<div class="table-wrap" tabindex="0" role="region" aria-label="{text(label)}">{table}</div>'


def table_html(rows: pd.DataFrame, caption: str) -> str:
    rows = dates_as_written(rows)
    head_row = "".join(f"<th scope=\"col\">{text(column)}</th>" for column in rows.columns)
    body = "\n".join("<tr>" + "".join(f"<td>{text(value)}</td>" for value in row) + "</tr>"
                     for row in rows.itertuples(index=False))
    return scrolling_table(f'<table><caption class="visually-hidden">{text(caption)}</caption>'
                           f"<thead><tr>{head_row}</tr></thead><tbody>\n{body}\n</tbody></table>", caption)


@dataclass(frozen=True)
class ChartFiles:
    """Where a chart's files are, relative to the page that shows it, and its citation and embed code."""

    folder: str  # "" on its embed page, "../../embed/NAME/" elsewhere
    stem: str
    citation: str
    embed_code: str
    has_picture: bool


def chart_html(spec: ChartSpec, wide: Chart, phone: Chart | None, files: ChartFiles, *, level: int,
               story_link: str | None) -> str:
    """A chart with everything that goes with it: title, the interactive figure (or the table), notes, its marks
    in words, its text alternative, sources, downloads, and how to cite and embed it."""
    name = spec.name
    if wide.figure is not None and not wide.is_map:
        title, subtitle = (from_plotly(part) for part in title_parts(wide.figure))
    else:
        title, subtitle = _(spec.title), ""
    title_id = f"title-{name}"
    parts = [f'<h{level} id="{title_id}">{text(title)}</h{level}>']
    if subtitle:
        parts.append(f'<p class="subtitle">{text(subtitle)}</p>')
    alt_id = f"alt-{name}"
    # A figure, not an image: its plot or map can be explored, and an image's inside is hidden from assistive tools.
    named = f'role="figure" aria-labelledby="{title_id}" aria-describedby="{alt_id}"'
    if wide.rows.empty:
        parts.append(f"<p>{text(_(spec.no_rows))}</p>")
    elif spec.is_table:
        parts.append(table_html(wide.rows, _(spec.title)))
    elif wide.is_map:
        deck = json.loads(wide.figure.to_json())
        tooltip = (getattr(wide.figure, "_tooltip", None) or {}).get("text", "")
        parts += [f'<div class="map" id="map-{name}" style="height:{wide.height}px" {named} '
                  f'data-deck="deck-{name}" data-tooltip="{text(tooltip)}"></div>',
                  f'<script type="application/json" id="deck-{name}">{json_in_html(deck)}</script>']
    else:
        parts.append(f'<div class="chart" id="chart-{name}" {named} '
                     f'data-figure="figure-{name}" data-stem="{text(files.stem)}" '
                     f'style="height:{untitled(wide.figure).layout.height}px"></div>')
        for suffix, chart in (("", wide), ("-phone", phone)):
            if chart is not None and chart.figure is not None:
                figure = json.loads(untitled(chart.figure).to_json())
                parts.append(f'<script type="application/json" id="figure-{name}{suffix}">'
                             f"{json_in_html(figure)}</script>")
        if files.has_picture:
            parts.append(f'<noscript><img src="{files.folder}{text(files.stem)}.png" alt="{text(wide.alt_text)}" '
                         'style="max-width:100%"></noscript>')
    if not spec.is_table and not wide.rows.empty:
        parts.append(f'<p class="visually-hidden" id="{alt_id}">{text(wide.alt_text)}</p>')
    if wide.notes:
        parts.append(f'<p class="notes">{text(wide.notes)}</p>')
    if wide.in_words:
        parts.append('<ul class="in-words">' + "".join(f"<li>{text(words)}</li>" for words in wide.in_words)
                     + "</ul>")
    rows = ngettext("CSV ({count} row)", "CSV ({count} rows)", len(wide.rows)).format(count=number(len(wide.rows)))
    downloads = [f'<a href="{files.folder}{text(files.stem)}.csv" download>{text(rows)}</a>']
    if files.has_picture:
        downloads = [f'<a href="{files.folder}{text(files.stem)}.png" download>PNG</a>',
                     f'<a href="{files.folder}{text(files.stem)}.svg" download>SVG</a>', *downloads,
                     f'<a href="{files.folder}{text(files.stem)}.json" download>' + text(_("Figure JSON")) + "</a>"]
    parts.append('<div class="foot">' + source_list(wide.sources)
                 + '<p class="downloads">' + _("Download: {links}").format(links=" ".join(downloads)) + "</p>"
                 + (f'<p><a href="{story_link}" target="_top">' + text(_("The full story")) + "</a></p>"
                    if story_link else "")
                 + "</div>")
    parts.append('<details class="cite"><summary>' + text(_("Cite this chart")) + "</summary>"
                 f'<p class="citation">{text(files.citation)}</p></details>')
    parts.append('<details class="cite"><summary>' + text(_("Embed this chart")) + "</summary>"
                 '<textarea readonly rows="5" aria-label="' + text(_("Embed code")) + '">'
                 f"{text(files.embed_code)}</textarea></details>")
    return f'<section class="chart-block" id="{name}">\n' + "\n".join(parts) + "\n</section>"


def figures_html(figures: list[HeadlineFigure], sources: pd.DataFrame) -> str:
    cards = []
    for figure in figures:
        if figure.text is None:
            cards.append(f'<div class="figure"><div class="label">{text(figure.label)}</div><div class="value">—'
                         '</div><p class="meaning">'
                         + text(_("{meaning}: this figure is no longer in the {dataset} data.").format(
                             meaning=figure.meaning, dataset=figure.dataset)) + "</p></div>")
            continue
        cited = sources[sources["source_id"] == figure.source_id]
        cards.append(f'<div class="figure"><div class="label">{text(figure.label)}</div>'
                     f'<div class="value">{text(figure.text)}</div><p class="meaning">{text(figure.meaning)}.</p>'
                     f'<div class="foot">{source_list(cited)}</div></div>')
    return '<div class="figures">' + "".join(cards) + "</div>"


def prose_html(markdown: str) -> str:
    """The newsroom's own Markdown (never data), with any raw HTML in it shown as text."""
    return PROSE.render(markdown)


def languages_html(twins: dict[str, str]) -> str:
    """'English · Русский': each language's name, a link to the page in it (`twins`: each language's address,
    relative to this page), the language being spoken as plain text."""
    names = []
    for code, name in LANGUAGES.items():
        if code == language() or code not in twins:
            names.append(f'<span lang="{code}">{text(name)}</span>')
        else:
            names.append(f'<a href="{text(twins[code])}" hreflang="{code}" lang="{code}">{text(name)}</a>')
    return f'<p class="languages">{" · ".join(names)}</p>'


def page(head_html: str, body: str, *, embed_of: str = "", twins: dict[str, str] | None = None) -> str:
    body_class = ' class="embed"' if embed_of else ""
    chart = f' data-chart="{text(embed_of)}"' if embed_of else ""
    switch = ("\n" + languages_html(twins)) if twins else ""
    return f"{head_html}\n<body{body_class}{chart}>\n<main>\n{body}{switch}\n</main>\n</body>\n</html>\n"
