"""`make edition`: every registry chart and reader page, from the published data, as a folder of static files.

    edition/
      index.html                    sends a visitor to latest/
      latest -> v/VERSION           the newest version (a symbolic link, switched in one rename)
      v/VERSION/                    one data version, never changed once written
        index.html                  every story and chart
        story/PAGE/index.html       a reader page's prose and charts, at their default filters
        embed/CHART/index.html      the chart alone, for an article's iframe
        embed/CHART/STEM.png|.svg|.csv|.json   its picture (sources burned in), data (formulas neutralised), figure
        data/index.html, data/DATASET.csv       Data & sources, with the changelog
        assets/                     plotly.js, deck.gl, the edition's script and styles, each named by its hash
        ru/                         the same pages in Russian (index.html, story/, embed/ with its own files, data/),
                                    loading the assets above, when edition.toml's `languages` names "ru"
                                    (BORDERLINES_EDITION_LANGUAGES="en,ru" for one run); each page links to its twin
        version.json

A version is built beside the published ones (v/.VERSION.partial-PID) and renamed into place when complete; then
latest is switched by renaming a new link over it. Readers see the old edition or the new one, never half of one.
Nothing is fetched: the scripts come from press/vendor/, the pictures from kaleido with the machine's Chromium (one
browser for the whole build, every language's pictures through it).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import copy
import gzip
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from importlib.metadata import version as installed
from pathlib import Path

import kaleido
import plotly.graph_objects as go
from kaleido.errors import JavascriptError

from catalog import history
from catalog.boundaries import country_outlines
from catalog.export import safe_csv
from catalog.store import Catalog, data_dir, load_catalog
from catalog.translations import TRANSLATIONS, translated
from charts.palette import LIGHT, Palette
from charts.registry import CHARTS
from charts.sources import publisher_name, source_plain
from charts.spec import Chart, ChartSpec, Look
from charts.text import PAGE_WIDTH, SYSTEM_FONT_FURTHER_LINE, category_labels, fit_the_foot, lines_of, plot_left
from charts.us_visas import overstay_rates
from i18n import ENGLISH, _, speaking
from i18n.formats import number
from press import pages
from press.cite import citation, embed_code, embed_path, language_path, long_date, published_on, version_path
from press.config import EditionConfig, edition_config
from press.mapsvg import map_svg
from press.pages import Assets, Card, ChartFiles, text
from press.stories import HEADLINE_DATASETS, STORIES, Story, headline_figures, overstay_figures

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
ASSET_FILES = {"plotly-basic.min.js": HERE / "vendor" / "plotly-basic.min.js",
               "deck.gl.min.js": HERE / "vendor" / "deck.gl.min.js",
               "deck.gl-json.min.js": HERE / "vendor" / "deck.gl-json.min.js",
               "edition.js": HERE / "static" / "edition.js", "edition.css": HERE / "static" / "edition.css",
               "favicon.png": REPO / "static" / "favicon.png"}
COMPRESSED = {".html", ".js", ".css", ".json", ".svg", ".csv"}
DRAWN_BY = f"kaleido {installed('kaleido')}, plotly {installed('plotly')}"  # a new version draws every picture anew
PICTURES_KEPT = timedelta(days=2)  # a picture no build has used for this long is removed from the cache
KALEIDO_NOT_LOADED = "kaleido_scopes is not defined"  # kaleido's words when its tab's script has not run yet
PICTURE_SCALE = 2
SMALLEST_PLOT = 160  # pixels of plot a chart keeps, however tall its title and foot
NARROWEST = 292  # an embed 300 px wide, less the page's padding
EMBED_LABEL_CHARACTER = 7.5  # pixels a category label's character takes in the embed's font
EMBED_LABEL_LINE = 18  # and a line of one
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Built:
    version: str
    path: Path
    reused: bool  # the version was built before, and only latest moved


def palette_css(palette: Palette) -> str:
    """The edition's colours as CSS variables, from the palette (edition.css uses only these)."""
    roles = {"page": palette.page, "panel": palette.panel, "ink": palette.ink, "link": palette.link,
             "muted-ink": palette.muted_ink, "grid-solid": palette.faint}
    return ":root {\n" + "".join(f"  --{role}: {value};\n" for role, value in roles.items()) + "}\n"


def hashed(name: str, content: bytes) -> str:
    """'deck.gl.min.js' as 'deck.gl.3f2a9c1b7d.min.js'."""
    suffix = ".min.js" if name.endswith(".min.js") else Path(name).suffix
    return f"{name.removesuffix(suffix)}.{hashlib.sha256(content).hexdigest()[:10]}{suffix}"


@contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """One build at a time per edition folder, across processes."""
    with history.exclusive_lock(folder / ".build.lock"):
        yield


def switch_latest(folder: Path, version: str) -> None:
    """Point latest at a version with one rename, and write the folder's front door."""
    link = folder / "latest"
    temporary = folder / f".latest-{os.getpid()}"
    temporary.unlink(missing_ok=True)
    os.symlink(version_path(version).rstrip("/"), temporary)
    os.replace(temporary, link)
    front = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Borderlines</title>'
             '<meta http-equiv="refresh" content="0; url=latest/"></head>'
             '<body><a href="latest/">The latest edition</a></body></html>\n')
    history.atomic_write(folder / "index.html", front.encode("utf-8"))
    (folder / "index.html").chmod(0o644)  # a web server's workers read it as another user


def latest_version(folder: Path) -> str | None:
    link = folder / "latest"
    return Path(os.readlink(link)).name if link.is_symlink() else None


def build_edition(config: EditionConfig | None = None, *, force: bool = False,
                  progress: Progress | None = None) -> Built:
    """Build the edition of the published data (or only move latest, when this data version was built before)."""
    config = config or edition_config()
    directory = data_dir()
    catalog = load_catalog(directory)
    version = catalog.version
    folder = config.folder
    with build_lock(folder):
        target = folder / "v" / version
        if target.is_dir() and not force:
            switch_latest(folder, version)
            return Built(version, target, reused=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        for stale in target.parent.glob(".*.partial-*"):  # left by a build that was killed: builds take turns
            shutil.rmtree(stale, ignore_errors=True)
        work = target.parent / f".{version}.partial-{os.getpid()}"
        try:
            Edition(config, catalog, directory, work, progress or (lambda *_: None)).write()
            if target.is_dir():  # a forced rebuild: swap, then remove the old copy
                old = target.parent / f".{version}.old-{os.getpid()}"
                os.replace(target, old)
                os.replace(work, target)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(work, target)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        switch_latest(folder, version)
    return Built(version, target, reused=False)


class Edition:
    """One version's folder, written from one catalog."""

    def __init__(self, config: EditionConfig, catalog: Catalog, directory: Path, root: Path, progress: Progress):
        self.config, self.catalog, self.directory, self.root, self.progress = config, catalog, directory, root, \
            progress
        self.version = catalog.version
        self.published: date = published_on(catalog, directory)
        needed = {name for spec in CHARTS.values() for name in spec.reads} | set(HEADLINE_DATASETS)
        self.tables = {name: catalog.table(name) for name in needed}
        if catalog.states.get(TRANSLATIONS.name) is not None and catalog.states[TRANSLATIONS.name].usable:
            self.tables[TRANSLATIONS.name] = catalog.table(TRANSLATIONS.name)
        self.language = ENGLISH
        self.folder = ""  # the language's folder inside the version: "" for English, "ru/"
        self.up = ""  # from a page of this language to the same depth in English
        self.outlines = country_outlines()
        self.story_of = {name: story.page for story in reversed(STORIES.values()) for name in story.charts}
        self.assets = Assets("", {})

    # Where things are.
    def url(self, path: str) -> str:
        return self.config.url(version_path(self.version) + path)

    def write_file(self, path: str, content: bytes | str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)

    def speaking(self, code: str) -> Edition:
        """This edition writing its pages in `code`, in that language's folder, from the tables in it."""
        other = copy.copy(self)
        other.language, other.folder = code, language_path(code)
        other.up = "../" if other.folder else ""
        with speaking(code):
            other.tables = translated(self.tables, code)
        return other

    def twins(self, path: str, prefix: str) -> dict[str, str]:
        """Every language's address of the page at `path` (in its language's folder), relative to this page, whose
        way up to its language's folder is `prefix`."""
        if len(self.config.languages) < 2:
            return {}
        return {code: f"{prefix}{self.up}{language_path(code)}{path}" for code in self.config.languages}

    def write(self) -> None:
        editions = [self] + [self.speaking(code) for code in self.config.languages if code != ENGLISH]
        charts = {}
        for edition in editions:
            with speaking(edition.language):
                charts[edition.language] = {name: edition.built(spec) for name, spec in CHARTS.items()}
        count = len(CHARTS)
        steps = (count * 2 + len(STORIES) + 2) * len(editions) + 1
        self.progress("assets", 0, steps)
        self.write_assets()
        for edition in editions:
            edition.assets = self.assets
        self.progress("pictures", 1, steps)
        jobs, sizes = [], {}
        for edition in editions:
            with speaking(edition.language):
                jobs_in, sizes[edition.language] = edition.picture_jobs(charts[edition.language])
            jobs += jobs_in
        in_a_loop_of_its_own(render(jobs, picture_cache(self.config.folder),
                                    lambda done: self.progress("pictures", 1 + done, steps)))
        done = 1 + count * len(editions)
        for edition in editions:
            with speaking(edition.language):
                done = edition.write_pages(charts[edition.language], sizes[edition.language], done, steps)
        self.write_file("version.json", json.dumps({
            "version": self.version, "published": self.published.isoformat(),
            "built": datetime.now(UTC).isoformat(timespec="seconds"), "charts": sorted(charts),
            "stories": sorted(STORIES), "address": self.url("")}, indent=2))
        self.compress()
        self.progress("done", steps, steps)

    def write_pages(self, charts: dict[str, tuple[Chart, Chart | None]], sizes: dict[str, tuple[int, int]],
                    done: int, steps: int) -> int:
        """Every page of this edition's language; returns the steps done."""
        for name, (wide, phone) in charts.items():
            self.write_chart(CHARTS[name], wide, phone, sizes.get(name))
            done += 1
            self.progress(f"embed page of {name}", done, steps)
        for story in STORIES.values():
            self.write_story(story, charts, sizes)
            done += 1
            self.progress(f"story page {story.page}", done, steps)
        self.write_data_page()
        self.write_index(charts)
        return done + 2

    def built(self, spec: ChartSpec) -> tuple[Chart, Chart | None]:
        """The chart at its default filters, laid out for a page and (a plotly chart) for a phone."""
        outlines = self.outlines if spec.is_map else None
        wide = framed(spec.build(self.tables, None, Look(LIGHT, language=self.language), outlines))
        phone = None if spec.is_map or wide.figure is None else \
            framed(spec.build(self.tables, None, Look(LIGHT, phone=True, language=self.language)), NARROWEST)
        return wide, phone

    def write_assets(self) -> None:
        files = {name: path.read_bytes() for name, path in ASSET_FILES.items()}
        files["palette.css"] = palette_css(LIGHT).encode("utf-8")
        names = {}
        for name, content in files.items():
            names[name] = hashed(name, content)
            self.write_file(f"assets/{names[name]}", content)
        self.assets = Assets("", names)

    def picture_jobs(self, charts: dict[str, tuple[Chart, Chart | None]]
                     ) -> tuple[list[dict], dict[str, tuple[int, int]]]:
        """Every chart's PNG and SVG, as jobs for the build's one kaleido browser; a map's SVG is written here and
        its PNG drawn from it. Returns the jobs and each picture's size in pixels."""
        jobs, sizes = [], {}
        for name, (chart, _phone) in charts.items():
            if chart.figure is None:
                continue
            folder = self.root / self.folder / embed_path(name)
            folder.mkdir(parents=True, exist_ok=True)
            stem = folder / chart.file_stem
            if chart.is_map:
                svg, height = map_svg(chart.figure.to_json(), chart.height, _(CHARTS[name].title),
                                      source_plain(chart.sources["source_id"], chart.sources), LIGHT)
                stem.with_suffix(".svg").write_text(svg, encoding="utf-8")
                figure = picture_figure(svg, height)
            else:
                figure, height = chart.figure, int(chart.figure.layout.height or 450)
            sizes[name] = (PAGE_WIDTH * PICTURE_SCALE, height * PICTURE_SCALE)
            options = {"width": PAGE_WIDTH, "height": height}
            jobs.append({"fig": figure, "path": stem.with_suffix(".png"), "opts": {**options, "format": "png",
                                                                                   "scale": PICTURE_SCALE}})
            if not chart.is_map:
                jobs.append({"fig": figure, "path": stem.with_suffix(".svg"), "opts": {**options, "format": "svg"}})
        return jobs, sizes

    def chart_files(self, spec: ChartSpec, wide: Chart, folder: str) -> ChartFiles:
        publishers = list(dict.fromkeys(map(publisher_name, wide.sources.get("publisher", []))))
        return ChartFiles(folder, spec.file_stem,
                          citation(self.config, _(spec.title), self.version, self.published,
                                   self.folder + embed_path(spec.name), publishers),
                          embed_code(self.config, spec.name, _(spec.title), self.version,
                                     pages.embed_height(wide), self.language),
                          has_picture=wide.figure is not None)

    def story_link(self, name: str, prefix: str) -> str:
        page = self.story_of.get(name)
        return f"{prefix}story/{page}/#{name}" if page else f"{prefix}index.html"

    def write_chart(self, spec: ChartSpec, wide: Chart, phone: Chart | None, size: tuple[int, int] | None) -> None:
        path = embed_path(spec.name)
        folder = self.folder + path
        self.write_file(f"{folder}{spec.file_stem}.csv", safe_csv(wide.rows))
        if wide.figure is not None:
            self.write_file(f"{folder}{spec.file_stem}.json", wide.figure.to_json())
        files = self.chart_files(spec, wide, "")
        title = _(spec.title)
        card = Card(title, wide.alt_text if wide.figure is not None else title, self.url(folder),
                    self.url(f"{folder}{spec.file_stem}.png") if size else None, wide.alt_text, size)
        body = pages.chart_html(spec, wide, phone, files, level=1, story_link=self.story_link(spec.name, "../../"))
        self.write_file(f"{folder}index.html", pages.page(
            pages.head(card, self.assets.under(self.up + "../../assets/"), self.config.publisher,
                       charts=wide.figure is not None and not wide.is_map, maps=wide.is_map), body,
            embed_of=spec.name, twins=self.twins(path, "../../")))

    def nav(self, prefix: str) -> str:
        links = [f'<a href="{prefix}index.html">' + text(_("All stories and charts")) + "</a>",
                 f'<a href="{prefix}data/">' + text(_("Data & sources")) + "</a>"]
        if self.config.app_address:
            links.append(f'<a href="{text(self.app_link(""))}">' + text(_("The app, with filters")) + "</a>")
        return '<nav class="top">' + "".join(links) + "</nav>"

    def app_link(self, page: str) -> str:
        """The app's address of a page, in this edition's language."""
        address = f"{self.config.app_address}{page}"
        return address if self.language == ENGLISH else f"{address}?lang={self.language}"

    def meta(self) -> str:
        latest = text(self.config.url("latest/" + self.folder))
        return '<div class="meta"><p>' + _(
            "Data version {version}, published {date}. This page never changes; the newest version is always at "
            "{latest}.").format(version=text(self.version), date=text(long_date(self.published)),
                                latest=f'<a href="{latest}">{latest}</a>') + "</p></div>"

    def write_story(self, story: Story, charts: dict, sizes: dict) -> None:
        prefix = "../../"
        parts = [self.nav(prefix), f"<h1>{text(story.title)}</h1>"]
        for section in story.sections:
            blocks = []
            if section.part == "headline_figures":
                blocks.append(pages.figures_html(headline_figures(self.tables), self.tables["sources"]))
            elif section.part == "overstays":
                blocks.append(pages.figures_html(overstay_figures(overstay_rates(self.tables["us_visas"])),
                                                 self.tables["sources"]))
            elif section.part:
                app = f' <a href="{text(self.app_link(story.page))}">' + text(_("Open it in the app.")) + "</a>" \
                    if self.config.app_address else ""
                blocks.append("<p>" + text(_("This part of the page works only in the app.")) + f"{app}</p>")
            for name in section.charts:
                wide, phone = charts[name]
                blocks.append(pages.chart_html(CHARTS[name], wide, phone,
                                               self.chart_files(CHARTS[name], wide, f"{prefix}{embed_path(name)}"),
                                               level=3, story_link=None))
            heading = f"<h2>{text(section.heading)}</h2>" if section.heading and not section.folded else ""
            prose = pages.prose_html(section.prose) if section.prose else ""
            if section.folded:
                parts.append(f'<details class="fold"><summary>{text(section.heading)}</summary>{prose}'
                             + "".join(blocks) + "</details>")
            else:
                parts.append(heading + prose + "".join(blocks))
        parts.append(self.meta())
        first = next((name for name in story.charts if name in sizes), None)
        card = Card(story.title, story.summary, self.url(f"{self.folder}story/{story.page}/"),
                    self.url(f"{self.folder}{embed_path(first)}{CHARTS[first].file_stem}.png") if first else None,
                    charts[first][0].alt_text if first else "", sizes.get(first))
        maps = any(CHARTS[name].is_map for name in story.charts)
        self.write_file(f"{self.folder}story/{story.page}/index.html", pages.page(
            pages.head(card, self.assets.under(self.up + prefix + "assets/"), self.config.publisher, maps=maps),
            "\n".join(parts), twins=self.twins(f"story/{story.page}/", prefix)))

    def write_data_page(self) -> None:
        prefix = "../"
        rows = []
        usable = {name: state for name, state in self.catalog.states.items() if state.usable}
        tables = {name: state.table for name, state in usable.items()}
        if TRANSLATIONS.name in self.tables:
            tables = translated({**tables, TRANSLATIONS.name: tables.get(TRANSLATIONS.name,
                                                                          self.tables[TRANSLATIONS.name])},
                                self.language)
        for name, state in usable.items():
            self.write_file(f"{self.folder}data/{name}.csv", safe_csv(tables[name]))
            rows.append(f"<tr><td>{text(_(state.dataset.title))}</td><td>{text(_(state.dataset.description))}</td>"
                        f"<td>{number(len(state.table))}</td><td><a href=\"{text(name)}.csv\" download>"
                        f"{text(state.dataset.filename)}</a></td></tr>")
        sources = self.tables["sources"]
        changes = history.changelog(self.directory)
        listed = pages.source_list(sources)
        listed = "<ul><li>" + listed[listed.index(": ") + 2:-len("</p>")].replace("; ", "</li><li>") + "</li></ul>" \
            if listed else ""
        heading = _("Data & sources")
        body = [self.nav(prefix), f"<h1>{text(heading)}</h1>",
                "<p>" + _("Every number in Borderlines comes from a published source listed below, with its address. "
                          "Nothing is estimated or filled in; where sources disagree, both figures are kept and the "
                          "notes say so. Border figures count <strong>crossings, not people</strong>.") + "</p>",
                "<h2>" + text(_("Datasets")) + "</h2>", pages.scrolling_table(
                    "<table><thead><tr>" + "".join(f"<th>{text(column)}</th>" for column in (
                        _("Dataset"), _("What it holds"), _("Rows"), _("CSV"))) + "</tr></thead>"
                    "<tbody>" + "".join(rows) + "</tbody></table>", _("Datasets")),
                "<h2>" + text(_("All sources")) + "</h2>", listed,
                "<h2>" + text(_("Changelog")) + "</h2>",
                pages.table_html(changes.assign(when=changes["when"].dt.strftime("%Y-%m-%d %H:%M UTC")),
                                 _("Changelog"))
                if not changes.empty
                else "<p>" + text(_("No dataset has been published from the editor yet.")) + "</p>",
                self.meta()]
        card = Card(heading, _("Every dataset behind Borderlines, its sources and its changelog."),
                    self.url(self.folder + "data/"))
        self.write_file(f"{self.folder}data/index.html", pages.page(
            pages.head(card, self.assets.under(self.up + prefix + "assets/"), self.config.publisher),
            "\n".join(body), twins=self.twins("data/", prefix)))

    def write_index(self, charts: dict) -> None:
        stories = "".join(f'<li><a href="story/{story.page}/">{text(story.title)}</a>: {text(story.summary)}</li>'
                          for story in STORIES.values())
        embeds = "".join(f'<li><a href="{embed_path(name)}">{text(_(CHARTS[name].title))}</a></li>'
                         for name in charts)
        body = [self.nav(""), f"<h1>{text(self.config.publisher)}</h1>",
                "<h2>" + text(_("Stories")) + f'</h2><ul class="index">{stories}</ul>',
                "<h2>" + text(_("Charts to embed")) + f'</h2><ul class="index">{embeds}</ul>', self.meta()]
        card = Card(self.config.publisher, STORIES["overview"].summary, self.url(self.folder))
        self.write_file(f"{self.folder}index.html", pages.page(
            pages.head(card, self.assets.under(self.up + "assets/"), self.config.publisher), "\n".join(body),
            twins=self.twins("", "")))

    def compress(self) -> None:
        """A .gz beside every text file worth it, for servers that send it as it is (nginx's gzip_static)."""
        for path in self.root.rglob("*"):
            if path.suffix in COMPRESSED and path.stat().st_size > 1024:
                path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))


def framed(chart: Chart, narrowest: int | None = None) -> Chart:
    """A plotly chart with the room around it that Streamlit's chart theme gives it in the app: the y axis's labels
    inside the picture, the title off its edge, and a plot never squeezed to nothing. A phone's layout has its foot
    refitted for the `narrowest` embed (the app's is fitted for a 390 px phone)."""
    if chart.figure is None or chart.is_map:
        return chart
    figure = go.Figure(chart.figure).update_layout(title_pad_l=12)
    width = narrowest or PAGE_WIDTH
    if plot_left(figure) >= 0.45 * width:  # labels that long would leave the plot no room: broken into more lines
        labels = category_labels(figure, "y")
        characters = max(8, int((0.45 * width - 12) / EMBED_LABEL_CHARACTER))
        figure.update_yaxes(tickmode="array", tickvals=list(figure.layout.yaxis.tickvals or labels),
                            ticktext=["<br>".join(lines_of(str(label).replace("<br>", " "), characters))
                                      for label in labels])
        lines = max(str(text).count("<br>") + 1 for text in figure.layout.yaxis.ticktext)
        margin = figure.layout.margin
        plot = (figure.layout.height or 450) - (margin.t or 0) - (margin.b or 0)
        needed = len(labels) * (EMBED_LABEL_LINE * lines + 6)
        if plot < needed:  # rows far enough apart for labels of that many lines
            figure.update_layout(height=(figure.layout.height or 450) + needed - plot)
    figure.update_yaxes(automargin=True)
    # the legend hangs under a plot that may have grown, drawn in the reader's own fonts
    fit_the_foot(figure, width, keep_plot_height=True, further_line=SYSTEM_FONT_FURTHER_LINE)
    margin = figure.layout.margin
    height = figure.layout.height or 450
    if height - (margin.t or 0) - (margin.b or 0) < SMALLEST_PLOT:  # a foot grown past the chart (long legends)
        figure.update_layout(height=(margin.t or 0) + (margin.b or 0) + SMALLEST_PLOT)
        fit_the_foot(figure, width, further_line=SYSTEM_FONT_FURTHER_LINE)
    return replace(chart, figure=figure)


def picture_figure(svg: str, height: int) -> go.Figure:
    """An SVG as a plotly figure of the same size, so kaleido can draw it as a PNG."""
    source = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return go.Figure(layout={"width": PAGE_WIDTH, "height": height, "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
                             "xaxis": {"visible": False}, "yaxis": {"visible": False},
                             "images": [{"source": source, "xref": "paper", "yref": "paper", "x": 0, "y": 1,
                                         "sizex": 1, "sizey": 1, "sizing": "stretch", "xanchor": "left",
                                         "yanchor": "top", "layer": "above"}]})


def in_a_loop_of_its_own(coroutine) -> None:
    """Run a coroutine to its end, in a thread of its own when this one already runs an event loop (a caller
    driving a browser, say)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(coroutine)
        return
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coroutine).result()


def picture_cache(folder: Path) -> Path:
    """Where pictures are kept by what they draw, beside the edition's versions (BORDERLINES_PICTURE_CACHE names
    another folder: the tests share one between their builds)."""
    return Path(os.environ.get("BORDERLINES_PICTURE_CACHE") or folder / ".pictures")


def picture_key(job: dict) -> str:
    """A name for what a job draws: its figure, size and format, and the versions of what draws it."""
    drawn = json.dumps([DRAWN_BY, job["fig"].to_json(), job["opts"]], sort_keys=True)
    return f"{hashlib.sha256(drawn.encode()).hexdigest()[:32]}.{job['opts']['format']}"


async def render(jobs: list[dict], cache: Path, step: Callable[[int], None]) -> None:
    """Every picture: copied from the cache when the same figure was drawn before (a publish changes a few charts,
    and the build draws only theirs), else through one browser (kaleido's), MathJax off: kaleido would fetch it from
    a CDN. The cache is then rid of what no build has used for PICTURES_KEPT."""
    cache.mkdir(parents=True, exist_ok=True)
    done = 0
    missing = []
    for job in jobs:
        kept = cache / picture_key(job)
        if from_cache(kept, job["path"]):
            done += 1
            step((done + 1) // 2)  # a chart's PNG and SVG make one step
        else:
            missing.append((job, kept))
    if missing:
        async with kaleido.Kaleido(n=1, mathjax=False, timeout=120) as browser:
            for job, kept in missing:
                await draw(browser, job)
                into_cache(job["path"], kept)
                done += 1
                step((done + 1) // 2)
    forgotten = time.time() - PICTURES_KEPT.total_seconds()
    for kept in cache.iterdir():
        with contextlib.suppress(OSError):  # another build may have removed it first
            if kept.stat().st_mtime < forgotten:
                kept.unlink()


def from_cache(kept: Path, path: Path) -> bool:
    """Copy a kept picture to where a job would write it, marking it used; False when there is none."""
    try:
        shutil.copyfile(kept, path)
        os.utime(kept)
    except FileNotFoundError:
        return False
    return True


def into_cache(path: Path, kept: Path) -> None:
    """Keep a drawn picture, whole or not at all (builds in other processes may share the cache)."""
    partial = kept.with_name(f".{kept.name}.{os.getpid()}")
    shutil.copyfile(path, partial)
    os.replace(partial, kept)


async def draw(browser, job: dict) -> None:
    """One picture, drawn again once if kaleido's tab was handed it before its own script had loaded (seen on a
    processor busy with other work). kaleido reloads the tab after every picture, failed or not, so the second try
    meets a page that is ready; any other failure, or the same one twice, stops the build."""
    try:
        await browser.write_fig_from_object(job, cancel_on_error=True)
    except JavascriptError as error:
        if KALEIDO_NOT_LOADED not in str(error):
            raise
        await browser.write_fig_from_object(job, cancel_on_error=True)
