"""The edition (`make edition`) built from the registry and the published data: every chart's embed page, picture,
CSV and figure JSON; story pages with the app's prose; card tags and citations on every page; nothing loaded from
another host; versioned folders with latest switched; and a publish in the editor building the next version."""

from __future__ import annotations

import asyncio
import gzip
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import kaleido
import plotly.graph_objects as go
import pytest
from kaleido.errors import JavascriptError
from PIL import Image

from catalog import load
from catalog.boundaries import country_outlines
from catalog.export import safe_csv
from charts.registry import CHARTS
from press import background
from press.background import read_status
from press.build import build_edition, draw, latest_version, render
from press.cite import embed_code
from press.config import edition_config
from press.pages import prose_html, untitled
from press.serve import free_port, port_of, serve_forever, served_edition
from press.stories import STORIES
from tests.conftest import REPO
from tests.edition import built_edition
from tests.test_editor_page import editor_password, signed_in, upload, us_visas_with  # noqa: F401


@pytest.fixture(scope="module", autouse=True)
def english_only():
    """This module reads the English pages (tests/test_edition_russian.py reads the Russian ones), and a build in one
    language takes half the time of a build in two."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BORDERLINES_EDITION_LANGUAGES", "en")
        yield


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edition")
    with built_edition(folder) as (config, built):
        yield config, built, folder / "v" / built.version


class Tags(HTMLParser):
    """Every tag of a page with its attributes, and its text."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parsed(path: Path) -> Tags:
    tags = Tags()
    tags.feed(path.read_text(encoding="utf-8"))
    return tags


def meta(tags: Tags, key: str) -> str | None:
    return next((attrs.get("content") for tag, attrs in tags.tags if tag == "meta"
                 and key in (attrs.get("property"), attrs.get("name"))), None)


def test_every_chart_has_its_embed_page_picture_svg_csv_and_json(edition):
    _, built, root = edition
    for name, spec in CHARTS.items():
        folder = root / "embed" / name
        chart = spec.build({table: load(table) for table in spec.reads}, None,
                           outlines=country_outlines() if spec.is_map else None)
        assert (folder / "index.html").is_file(), name
        assert (folder / f"{spec.file_stem}.csv").read_bytes() == safe_csv(chart.rows), name
        if spec.is_table:
            continue
        with Image.open(folder / f"{spec.file_stem}.png") as picture:
            assert picture.format == "PNG" and picture.width == 1400 and picture.height > 400, name
        svg = (folder / f"{spec.file_stem}.svg").read_text(encoding="utf-8")
        assert svg.startswith("<svg") and "Source" in svg, f"{name}: no source line burned into the SVG"
        figure = json.loads((folder / f"{spec.file_stem}.json").read_text(encoding="utf-8"))
        if spec.is_map:
            assert [layer["@@type"] for layer in figure["layers"]][0] == "GeoJsonLayer", name
        else:
            assert figure["data"] == json.loads(chart.figure.to_json())["data"], f"{name}: not the app's figure"


def test_no_page_loads_anything_from_another_host(edition):
    config, _, root = edition
    pages = sorted(root.rglob("*.html"))
    assert len(pages) == (len(CHARTS) + len(STORIES) + 2) * len(config.languages)  # each language's every page
    for path in pages:
        for tag, attrs in parsed(path).tags:
            loaded = attrs.get("src") if tag in ("script", "img", "iframe") else \
                attrs.get("href") if tag == "link" and attrs.get("rel") in ("stylesheet", "icon") else None
            if loaded:
                assert not re.match(r"^([a-z]+:)?//", loaded), f"{path}: {tag} loads {loaded}"
                assert (path.parent / loaded).resolve().is_file(), f"{path}: {loaded} is not in the edition"
    for path in root.rglob("*.css"):
        assert "url(" not in path.read_text(encoding="utf-8"), path


def test_every_page_has_its_card_tags_and_every_chart_its_citation(edition):
    config, built, root = edition
    for path in sorted(root.rglob("*.html")):
        tags = parsed(path)
        page = path.parent.relative_to(root).as_posix()
        address = config.url(f"v/{built.version}/" + ("" if page == "." else page + "/"))
        assert meta(tags, "og:url") == address, path
        assert meta(tags, "og:title") and meta(tags, "twitter:card") and meta(tags, "twitter:title"), path
        assert any(tag == "link" and attrs.get("rel") == "canonical" and attrs["href"] == address
                   for tag, attrs in tags.tags), path
    for name, spec in CHARTS.items():
        tags = parsed(root / "embed" / name / "index.html")
        text = "".join(tags.text)
        assert "Cite this chart" in text and "The full story" in text, name
        citation = re.search(r"Borderlines\. \u201c(.+?)\u201d\. Data version (\w+), published (.+?)\. .*?(https://\S+)",
                             text)
        assert citation and citation.group(1) == spec.title and citation.group(2) == built.version, name
        assert citation.group(4) == config.url(f"v/{built.version}/embed/{name}/"), name
        if not spec.is_table:
            assert meta(tags, "og:image") == config.url(f"v/{built.version}/embed/{name}/{spec.file_stem}.png")
            assert meta(tags, "twitter:card") == "summary_large_image"


def test_each_story_page_has_the_app_pages_prose_and_charts(edition):
    _, _, root = edition
    for story in STORIES.values():
        page = (root / "story" / story.page / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{story.title}</h1>" in page
        for section in story.sections:
            if section.prose:
                assert prose_html(section.prose).strip() in page, f"{story.page}: prose missing"
            for name in section.charts:
                assert f'id="{name}"' in page, f"{story.page}: {name} missing"
    overview = (root / "story" / "overview" / "index.html").read_text(encoding="utf-8")
    assert "200,000" in overview and "13-fold" in overview  # the headline figures, from the data


def test_text_files_have_their_gzip_beside_them(edition):
    _, _, root = edition
    page = root / "embed" / "events_timeline" / "index.html"
    assert gzip.decompress((page.parent / "index.html.gz").read_bytes()) == page.read_bytes()


def test_latest_points_at_the_version_and_a_second_build_only_moves_it(edition):
    config, built, root = edition
    assert latest_version(config.folder) == built.version
    assert (config.folder / "latest" / "index.html").read_bytes() == (root / "index.html").read_bytes()
    assert not [path for path in (config.folder / "v").iterdir() if path.name.startswith(".")]
    again = build_edition(config)
    assert again.reused and again.version == built.version
    killed = config.folder / "v" / f".{built.version}.partial-99999"  # a build killed half way
    killed.mkdir()
    (killed / "index.html").write_text("half")
    forced = build_edition(config, force=True)
    assert not killed.exists() and latest_version(config.folder) == forced.version
    assert (root / "index.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_a_publish_in_the_editor_builds_a_new_version_and_moves_latest(data_copy, tmp_path, editor_password):  # noqa: F811
    folder = tmp_path / "edition"
    before = build_edition()
    figure_path = "data/us_visas.csv"  # every figure of the dataset, as the Data & sources page offers it
    old_figure = (folder / "v" / before.version / figure_path).read_bytes()
    page = upload(signed_in(dataset="us_visas", task="upload"), "us_visas.csv", us_visas_with(data_copy, "41.5"))
    page.text_area[0].input("Corrected 2024 figure")
    next(button for button in page.button if button.label == "Publish").click()
    page.run()
    assert page.success[0].value.startswith("Published us_visas.csv")
    deadline = time.monotonic() + 300
    while (status := read_status(folder)) is None or status.state == "building":
        assert time.monotonic() < deadline, "the edition was not rebuilt in time"
        time.sleep(1)
    assert status.state == "done", status.message
    assert status.version != before.version and latest_version(folder) == status.version
    new_figure = (folder / "v" / status.version / figure_path).read_bytes()
    assert b",41.5," in new_figure and b",41.5," not in old_figure
    with served_edition(folder) as base:
        with urllib.request.urlopen(f"{base}v/{before.version}/{figure_path}") as response:
            assert response.read() == old_figure  # the old version still serves the old figures
        with urllib.request.urlopen(f"{base}latest/{figure_path}") as response:
            assert response.read() == new_figure


def test_a_build_that_fails_is_reported_and_shown_to_the_editor(data_copy, tmp_path, editor_password,  # noqa: F811
                                                                 monkeypatch):
    def no_browser(**_):
        raise RuntimeError("no Chromium on this server")

    monkeypatch.setattr(background, "build_edition", no_browser)
    assert background.build_with_status() is None
    status = read_status(tmp_path / "edition")
    assert status.state == "failed" and status.message == "RuntimeError: no Chromium on this server"
    page = signed_in(dataset="us_visas")
    assert any(error.value.startswith("The edition could not be rebuilt: RuntimeError") and
               "no Chromium on this server" in error.value for error in page.error)


def test_nginx_serves_it_compressed_with_content_types_and_cache_lifetimes(edition):
    config, built, root = edition
    stem = CHARTS["events_timeline"].file_stem
    chart = "embed/events_timeline/"
    expected = {"": "text/html", chart: "text/html", f"{chart}{stem}.png": "image/png",
                f"{chart}{stem}.svg": "image/svg+xml", f"{chart}{stem}.csv": "text/csv",
                f"{chart}{stem}.json": "application/json"}
    expected |= {f"assets/{path.name}": {".js": "text/javascript", ".css": "text/css"}[path.suffix]
                 for path in (root / "assets").iterdir() if path.suffix in (".js", ".css")}
    with served_edition(config.folder) as base:
        for path, content_type in expected.items():
            for folder, lifetime in ((f"v/{built.version}/", "max-age=31536000, immutable"),
                                     ("latest/", "max-age=31536000, immutable" if path.startswith("assets/")
                                      else "max-age=60")):
                request = urllib.request.Request(base + folder + path, headers={"Accept-Encoding": "gzip"})
                with urllib.request.urlopen(request) as response:
                    assert response.headers["Content-Type"].split(";")[0] == content_type, path
                    assert lifetime in response.headers["Cache-Control"], f"{folder}{path}"
                    body = response.read()
                    served = root / path / "index.html" if not path or path.endswith("/") else root / path
                    if content_type != "image/png" and served.stat().st_size > 1024:  # smaller is not worth it
                        assert response.headers["Content-Encoding"] == "gzip", f"{folder}{path} not compressed"
                        body = gzip.decompress(body)
                    assert body == served.read_bytes(), path
        with urllib.request.urlopen(base) as response:  # the front door sends readers to latest/
            assert b'url=latest/' in response.read()


def test_a_chart_whose_page_writes_its_title_keeps_its_plot_and_legend_where_they_were():
    """The embed drops the figure's title (the page writes it, where it wraps) and the chart grows shorter by the
    title's room: the plot keeps its height, and the legend hung under it stays as many pixels below it."""
    figure = go.Figure(go.Scatter(x=[1], y=[1]), layout={"height": 600, "margin": {"t": 200, "b": 150},
                                                          "legend": {"yref": "paper", "yanchor": "top", "y": -0.1}})
    shown = untitled(figure)
    assert shown.layout.height == 436 and shown.layout.margin.t == 36
    assert shown.layout.height - shown.layout.margin.t - shown.layout.margin.b == 250
    assert shown.layout.legend.y * 250 == pytest.approx(-25)


class Kaleido:
    """Stands in for kaleido's browser: writes each figure's JSON where its picture goes, after failing the first
    ones as kaleido does, with the words it uses."""

    def __init__(self, *failures: str, **_options):
        self.failures = list(failures)
        self.drawn: list[str] = []

    async def __aenter__(self):
        return self

    async def __aexit__(self, *_):
        return False

    async def write_fig_from_object(self, job, cancel_on_error):
        if self.failures:
            raise JavascriptError(self.failures.pop(0))
        job["path"].write_text(job["fig"].to_json(), encoding="utf-8")
        self.drawn.append(job["path"].name)


NOT_LOADED = "{'type': 'object', 'subtype': 'error', 'description': 'ReferenceError: kaleido_scopes is not defined'}"


def test_a_picture_handed_to_kaleido_before_its_page_loaded_is_drawn_on_the_second_try(tmp_path):
    browser = Kaleido(NOT_LOADED)
    asyncio.run(draw(browser, *pictures(tmp_path, {"exodus": "The exodus"})))
    assert browser.drawn == ["exodus.png"]


@pytest.mark.parametrize("failures", [(NOT_LOADED, NOT_LOADED), ("TypeError: layout.xaxis is undefined",)],
                         ids=["the same failure twice", "a failure in the figure"])
def test_a_picture_that_fails_otherwise_stops_the_build(tmp_path, failures):
    browser = Kaleido(*failures)
    with pytest.raises(JavascriptError):
        asyncio.run(draw(browser, *pictures(tmp_path, {"exodus": "The exodus"})))
    assert browser.drawn == []


def pictures(folder: Path, titles: dict[str, str]) -> list[dict]:
    """A PNG job for each named figure, written into `folder`."""
    folder.mkdir(exist_ok=True)
    return [{"fig": go.Figure(layout={"title": title}), "path": folder / f"{name}.png",
             "opts": {"width": 860, "height": 400, "format": "png", "scale": 2}} for name, title in titles.items()]


def test_a_build_draws_only_the_pictures_whose_figures_changed_and_copies_the_rest(tmp_path, monkeypatch):
    browsers: list[Kaleido] = []
    monkeypatch.setattr(kaleido, "Kaleido", lambda **options: browsers.append(Kaleido(**options)) or browsers[-1])
    cache = tmp_path / "cache"
    first = pictures(tmp_path / "v1", {"bans": "Entry bans", "exodus": "The exodus"})
    asyncio.run(render(first, cache, lambda step: None))
    again = pictures(tmp_path / "v2", {"bans": "Entry bans", "exodus": "The exodus, corrected"})
    asyncio.run(render(again, cache, lambda step: None))
    assert [browser.drawn for browser in browsers] == [["bans.png", "exodus.png"], ["exodus.png"]]
    assert (tmp_path / "v2" / "bans.png").read_bytes() == (tmp_path / "v1" / "bans.png").read_bytes()
    assert "corrected" in (tmp_path / "v2" / "exodus.png").read_text(encoding="utf-8")
    asyncio.run(render(pictures(tmp_path / "v3", {"bans": "Entry bans"}), cache, lambda step: None))
    assert len(browsers) == 2, "nothing to draw, and no browser started"


def test_a_picture_no_build_has_used_for_two_days_leaves_the_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(kaleido, "Kaleido", Kaleido)
    cache = tmp_path / "cache"
    asyncio.run(render(pictures(tmp_path / "v1", {"bans": "Entry bans", "exodus": "The exodus"}), cache,
                       lambda step: None))
    three_days_ago = time.time() - 3 * 24 * 3600
    for kept in cache.iterdir():
        os.utime(kept, (three_days_ago, three_days_ago))
    asyncio.run(render(pictures(tmp_path / "v2", {"bans": "Entry bans"}), cache, lambda step: None))
    assert len(list(cache.iterdir())) == 1  # the one just used; the other is gone


def test_make_serve_edition_serves_where_the_app_s_embed_codes_point(edition, monkeypatch):
    """`make serve-edition` (`python -m press serve`, no port given) listens on the port of the edition's address
    when that address is on this machine, as edition.toml's is: an Embed code copied from `make run` loads."""
    monkeypatch.delenv("BORDERLINES_EDITION_URL")
    assert port_of(edition_config().address) > 0, "edition.toml's address is on this machine, with a port"
    config, built, _ = edition
    address = f"http://localhost:{free_port()}/"
    monkeypatch.setenv("BORDERLINES_EDITION_URL", address)
    spec = CHARTS["events_timeline"]
    code = embed_code(edition_config(), spec.name, spec.title, built.version)
    embedded = re.search(r'<iframe src="([^"]+)"', code)[1]
    assert embedded.startswith(address)
    server = subprocess.Popen([sys.executable, "-m", "press", "serve"], cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "BORDERLINES_EDITION_DIR": str(config.folder)})
    try:
        said = server.stdout.readline()
        assert f"Embed and Cite codes point at {address}" in said, said
        with urllib.request.urlopen(embedded) as response:
            assert f"<title>{spec.title}".encode() in response.read()
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0, server.stderr.read()


def test_serve_edition_says_so_when_the_address_s_port_is_taken(edition, monkeypatch, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setenv("BORDERLINES_EDITION_URL", f"http://localhost:{port}/")
        assert serve_forever() == 1
    assert capsys.readouterr().out.startswith(f"Port {port} is taken.\nEDITION_PORT=... chooses another port")
