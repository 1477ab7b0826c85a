"""Embed and Cite under every chart: the iframe an article pastes (this data version, which never changes, or the
latest) and the citation, both pointing at the edition's address in edition.toml (press.config)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from catalog import load_catalog
from catalog.store import data_dir
from charts.sources import publisher_name
from charts.spec import Chart, ChartSpec
from i18n import N_, _
from press.cite import citation, embed_code, embed_path, published_on
from press.config import edition_config
from press.pages import embed_height

VERSIONS = {"this": N_("This data version (never changes)"), "latest": N_("The latest (follows every publish)")}


@st.cache_data(show_spinner=False, max_entries=8)
def version_published_on(version: str) -> date:
    """The day a data version was published, looked up once per version."""
    return published_on(load_catalog(), data_dir())


def embed_and_cite(spec: ChartSpec, chart: Chart) -> None:
    config = edition_config()
    if not config.address:
        return
    version = load_catalog().version
    with st.container(horizontal=True, key=f"share-{spec.name}"):
        with st.popover(_("Embed"), icon=":material/code:", help=_("Put this chart in an article")):
            # Looked up, not translated, by format_func: AppTest calls it after the run, when no language is spoken.
            shown = {key: _(label) for key, label in VERSIONS.items()}
            which = st.radio(_("Which version"), list(VERSIONS), format_func=shown.get, horizontal=True,
                             key=f"embed-version-{spec.name}")
            st.code(embed_code(config, spec.name, spec.title, version if which == "this" else None,
                               embed_height(chart)), language="html", wrap_lines=True)
            st.caption(_("Paste it into the article's HTML. The chart shows its default filters, resizes to the "
                         "column from 300 px up and sets its own height."))
            if (config.folder / "v").is_dir() and not (config.folder / "v" / version).is_dir():
                st.warning(_("This data version has no edition yet (it changed outside the editor): run "
                             "`make edition` before pasting this code."), icon=":material/warning:")
        with st.popover(_("Cite"), icon=":material/format_quote:", help=_("Cite this chart")):
            publishers = list(dict.fromkeys(map(publisher_name, chart.sources.get("publisher", []))))
            st.code(citation(config, spec.title, version, version_published_on(version), embed_path(spec.name),
                             publishers), language=None, wrap_lines=True)
