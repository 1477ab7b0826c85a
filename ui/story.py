"""A reader page told from its story (press.stories): the title, the prose and the sections in order, each
section's charts through the chart block at the reader's filters. Charts that share filters share one set of
widgets, shown above the first of them; when those filters leave no rows, the charts after it that share them are
left out, with their section. A page draws its own parts (the headline figures, the stay calculator) by name."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext

import streamlit as st

from catalog import load_catalog
from charts.registry import CHARTS
from i18n import _, language, speaking
from press.stories import STORIES, HeadlineFigure, Section
from ui.chart_block import chart_block, chart_filters, cited_markdown


def tell(page: str, **parts: Callable[[], None]) -> None:
    """Draw the story of `page`; `parts` draw the sections that name a part."""
    story = STORIES[page]
    st.title(story.title)
    chosen: dict[tuple[str, ...], dict] = {}
    empty: set[tuple[str, ...]] = set()
    for section in story.sections:
        if section.part:
            heading_and_prose(section)
            parts[section.part]()
            continue
        shown = [name for name in section.charts if filter_group(name) not in empty]
        if section.charts and not shown:
            continue
        if not section.folded:
            heading_and_prose(section)
        with st.expander(section.heading) if section.folded else nullcontext():
            for name in shown:
                group = filter_group(name)
                if group and group not in chosen:
                    chosen[group] = chart_filters(name)
                if not chart_block(name, chosen.get(group)) and group:
                    empty.add(group)


def heading_and_prose(section: Section) -> None:
    if section.heading:
        st.subheader(section.heading)
    if section.prose:
        st.markdown(section.prose)


def filter_group(name: str) -> tuple[str, ...]:
    """The URL parameters a chart is filtered by: charts with the same ones share their widgets."""
    return tuple(item.param for item in CHARTS[name].filters)


def show_figures(name: str, make: Callable[[], list[HeadlineFigure]]) -> None:
    """Numbers side by side, each with what it means and its source; `make` makes them from the published tables,
    once per data version and language (`name` tells one page's figures from another's)."""
    figures = made_once(name, load_catalog().version, language(), make)
    if not figures:
        st.info(_("The published data holds none of these figures at the moment."), icon=":material/info:")
        return
    for column, figure in zip(st.columns(len(figures)), figures, strict=True):
        with column:
            if figure.text is None:  # a hand edit removed the row: say so rather than fail the page
                st.metric(figure.label, "—", border=True)
                st.caption(_("{meaning}: this figure is no longer in the {dataset} data.").format(
                    meaning=figure.meaning, dataset=figure.dataset))
                continue
            st.metric(figure.label, figure.text, border=True)
            st.caption(f"{figure.meaning}. {cited_markdown([figure.source_id])}")


@st.cache_resource(max_entries=32, show_spinner=False)
def made_once(name: str, version: str, language: str, _make: Callable[[], list[HeadlineFigure]]
              ) -> list[HeadlineFigure]:
    """Shared by every reader and never changed; `_make` is left out of the cache's key, which `name` stands for."""
    with speaking(language):
        return _make()
