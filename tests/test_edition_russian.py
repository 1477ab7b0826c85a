"""The edition in Russian (`languages = ["en", "ru"]` in edition.toml): every version folder has ru/ with the same
pages in Russian, each embed with its own picture, SVG, CSV and figure, sources burned in Russian; every page links
to its twin in the other language; the English pages stay where and as they were."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from PIL import Image

from charts.registry import CHARTS
from i18n import _, speaking
from press.config import languages_of
from press.stories import STORIES
from tests.test_edition import parsed

CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@pytest.fixture(scope="module")
def edition(edition_in_two_languages):
    config, built, _, folder = edition_in_two_languages
    return config, built, folder / "v" / built.version


def html_lang(path: Path) -> str | None:
    return next((attrs.get("lang") for tag, attrs in parsed(path).tags if tag == "html"), None)


def first_heading(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    return re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1)


def twin(path: Path, code: str) -> Path:
    """The page the language link for `code` leads to, from the page at `path`."""
    links = [attrs["href"] for tag, attrs in parsed(path).tags if tag == "a" and attrs.get("hreflang") == code]
    assert len(links) == 1, f"{path}: {links}"
    return (path.parent / links[0] / "index.html").resolve()


def test_the_languages_an_edition_is_written_in():
    assert languages_of("") == ("en",)
    assert languages_of("en,ru") == ("en", "ru")
    assert languages_of(["ru"]) == ("en", "ru")
    assert languages_of("ru, xx") == ("en", "ru")


def test_every_chart_has_its_russian_embed_page_with_its_own_files(edition):
    config, built, root = edition
    for name, spec in CHARTS.items():
        folder = root / "ru" / "embed" / name
        page = folder / "index.html"
        assert html_lang(page) == "ru", name
        heading = first_heading(page)
        assert CYRILLIC.search(heading), f"{name}: {heading}"
        text = page.read_text(encoding="utf-8")
        assert "Скачать: " in text and "Встроить график" in text and "Cite this chart" not in text, name
        assert re.search(r'<div class="foot"><p>Источник(и)?: ', text), f"{name}: no Russian source line"
        address = config.url(f"v/{built.version}/ru/embed/{name}/")
        assert f"Версия данных {built.version} от " in text and address in text, f"{name}: citation"
        assert f"&lt;iframe src=&quot;{address}&quot;" in text, f"{name}: the embed code is not the Russian one"
        csv = (folder / f"{spec.file_stem}.csv").read_bytes().decode("utf-8-sig")
        assert csv.splitlines()[0] == (root / "embed" / name / f"{spec.file_stem}.csv").read_bytes() \
            .decode("utf-8-sig").splitlines()[0], f"{name}: the Russian CSV has other columns"
        if spec.is_table:
            continue
        with Image.open(folder / f"{spec.file_stem}.png") as picture:
            assert picture.format == "PNG" and picture.width == 1400, name
        svg = (folder / f"{spec.file_stem}.svg").read_text(encoding="utf-8")
        assert "Источник" in svg and "Source:" not in svg and "Sources:" not in svg, \
            f"{name}: the SVG's source line is not in Russian"
        assert (folder / f"{spec.file_stem}.json").is_file(), name


def test_russian_csvs_hold_russian_text(edition):
    _, _, root = edition
    csv = (root / "ru" / "embed" / "border_lengths" / "borderlines-border-lengths.csv").read_text(encoding="utf-8")
    assert "Дата на странице не указана." in csv
    english = (root / "embed" / "border_lengths" / "borderlines-border-lengths.csv").read_text(encoding="utf-8")
    assert "Дата на странице не указана." not in english


def test_russian_story_pages_index_and_data_page(edition):
    _, _, root = edition
    for story in STORIES.values():
        page = root / "ru" / "story" / story.page / "index.html"
        with speaking("ru"):
            title = story.title
        assert html_lang(page) == "ru", story.page
        assert first_heading(page) == html.escape(title), story.page
    exodus = root / "ru" / "story" / "exodus" / "index.html"
    assert CYRILLIC.search(first_heading(exodus)) and first_heading(exodus) != STORIES["exodus"].title
    assert "Как сослаться на этот график" in exodus.read_text(encoding="utf-8")
    index = root / "ru" / "index.html"
    assert html_lang(index) == "ru"
    assert "<h2>Материалы</h2>" in index.read_text(encoding="utf-8")
    data = root / "ru" / "data" / "index.html"
    assert html_lang(data) == "ru" and first_heading(data) == "Данные и источники"
    assert "<h2>Наборы данных</h2>" in data.read_text(encoding="utf-8")


def test_each_page_links_to_its_twin_in_the_other_language(edition):
    _, _, root = edition
    pages = ["", "data/", *(f"story/{page}/" for page in STORIES), *(f"embed/{name}/" for name in CHARTS)]
    for path in pages:
        english, russian = root / path / "index.html", root / "ru" / path / "index.html"
        assert twin(english, "ru") == russian.resolve(), path
        assert twin(russian, "en") == english.resolve(), path
    switch = (root / "embed" / "bans_map" / "index.html").read_text(encoding="utf-8")
    assert '<p class="languages"><span lang="en">English</span> · <a href="../../ru/embed/bans_map/" hreflang="ru" ' \
           'lang="ru">Русский</a></p>' in switch


def test_russian_pages_load_the_shared_assets(edition):
    _, _, root = edition
    assert not (root / "ru" / "assets").exists()
    for path in (root / "ru").rglob("*.html"):
        for tag, attrs in parsed(path).tags:
            loaded = attrs.get("src") if tag in ("script", "img") else \
                attrs.get("href") if tag == "link" and attrs.get("rel") in ("stylesheet", "icon") else None
            if loaded:
                assert (path.parent / loaded).resolve().is_file(), f"{path}: {loaded} is not in the edition"


def test_english_pages_stay_english(edition):
    config, built, root = edition
    for name, spec in CHARTS.items():
        page = root / "embed" / name / "index.html"
        text = page.read_text(encoding="utf-8")
        assert html_lang(page) == "en", name
        assert "Cite this chart" in text and "Embed this chart" in text and "Download: " in text, name
        assert f"Data version {built.version}, published " in text, name
        assert f"&lt;iframe src=&quot;{config.url(f'v/{built.version}/embed/{name}/')}&quot;" in text, name
        if not spec.is_map and not spec.is_table:
            with speaking("ru"):
                assert first_heading(page) != _(spec.title), name
    data = root / "data" / "index.html"
    assert first_heading(data) == "Data &amp; sources" and html_lang(data) == "en"
