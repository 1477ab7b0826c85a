"""How a chart is cited and embedded, the same in the app's Cite and Embed and in the edition's pages: the
publisher, the chart's title, the data version, the day that version was published, and the permanent address."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime
from pathlib import Path

from catalog import history
from catalog.store import Catalog
from i18n import ENGLISH, _, language
from i18n.formats import date_at
from press.config import EditionConfig

EMBED_MESSAGE = "borderlines:height"  # what an embed page posts to its host page, with its height


def published_on(catalog: Catalog, directory: Path) -> date:
    """The day the data version was published: when the newest of its files was kept in history (today when history
    has not kept one yet)."""
    kept = [version.kept_at for name, state in catalog.states.items() if state.digest
            for version in history.versions(directory, name) if version.matches(state.digest)]
    return max(kept).date() if kept else datetime.now(UTC).date()


def version_path(version: str) -> str:
    return f"v/{version}/"


def embed_path(name: str) -> str:
    return f"embed/{name}/"


def language_path(code: str | None = None) -> str:
    """The folder of a language's pages inside a version: "" for English, "ru/" for Russian."""
    return "" if (code or ENGLISH) == ENGLISH else f"{code}/"


def long_date(day: date) -> str:
    """'3 March 2026' (the house style), '3 марта 2026 г.'."""
    return f"{day.day} {day:%B %Y}" if language() == ENGLISH else date_at(day)


def citation(config: EditionConfig, title: str, version: str, published: date, path: str,
             publishers: list[str]) -> str:
    """'Borderlines. "Title". Data version abc, published 3 March 2026. Data: X; Y. https://...' in plain text."""
    sources = " " + _("Data: {publishers}.").format(publishers="; ".join(publishers)) if publishers else ""
    quoted = _("\u201c{title}\u201d").format(title=title)
    return _("{publisher}. {title}. Data version {version}, published {date}.").format(
        publisher=config.publisher, title=quoted, version=version, date=long_date(published)) \
        + f"{sources} {config.url(version_path(version) + path)}"


def embed_code(config: EditionConfig, name: str, title: str, version: str | None, height: int = 500,
               code: str | None = None) -> str:
    """The iframe an article pastes, with the few lines that let the chart set its own height. `version` None: the
    latest version, which changes when staff publish; otherwise that version, which never changes. `code`: the
    language of the embed page (English when None)."""
    folder = version_path(version) if version else "latest/"
    source = config.url(folder + language_path(code) + embed_path(name))
    return (f'<iframe src="{html.escape(source)}" title="{html.escape(title)}" data-borderlines-embed '
            f'style="width:100%;min-width:300px;border:none" height="{height}" loading="lazy"></iframe>\n'
            '<script>window.addEventListener("message",function(e){var d=e.data;'
            f'if(!d||d.type!=="{EMBED_MESSAGE}")return;'
            'document.querySelectorAll("iframe[data-borderlines-embed]").forEach(function(f){'
            'if(f.contentWindow===e.source)f.style.height=Math.ceil(d.height)+"px"})});</script>')
