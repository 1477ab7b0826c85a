"""Filters that live in the URL, so a copied link reopens the same view.

Streamlit's own `bind="query-params"` writes an option's display label into the URL ("?dataset=Timeline+of+events");
these helpers keep the stable machine value there instead ("?dataset=events") and ignore values they do not know.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from charts.spec import Filter, Frames


def url_choice(label: str, options: Sequence[str], param: str, format_func: Callable[[str], str] = str) -> str:
    """A selectbox whose value is read from and written to the query parameter `param`."""
    requested = st.query_params.get(param)
    index = list(options).index(requested) if requested in options else 0
    chosen = st.selectbox(label, options, index=index, format_func=format_func, key=f"url-{param}")
    if chosen == options[0]:
        st.query_params.pop(param, None)  # the default needs no parameter: keeps shared links short
    else:
        st.query_params[param] = chosen
    return chosen


def url_multichoice(label: str, options: Sequence[str], param: str,
                    format_func: Callable[[str], str] = str) -> list[str]:
    """A multiselect whose choice lives in the URL as ?param=a,b; no parameter (and no choice) means all options."""
    requested = [value for value in st.query_params.get(param, "").split(",") if value in options]
    chosen = st.multiselect(label, options, default=requested, format_func=format_func, key=f"url-{param}",
                            placeholder="All")
    if chosen:
        st.query_params[param] = ",".join(chosen)
    else:
        st.query_params.pop(param, None)
    return chosen or list(options)


def url_text(label: str, param: str, placeholder: str = "") -> str:
    """A search box whose text lives in the URL as ?param=words."""
    typed = st.text_input(label, value=st.query_params.get(param, ""), key=f"url-{param}", placeholder=placeholder)
    if typed:
        st.query_params[param] = typed
    else:
        st.query_params.pop(param, None)
    return typed


def url_filters(filters: Sequence[Filter], frames: Frames) -> dict[str, str | list[str]]:
    """The widgets for a registry chart's filters, each bound to its URL parameter; returns the chosen values."""
    chosen: dict[str, str | list[str]] = {}
    for item in filters:
        if item.kind == "text":
            chosen[item.param] = url_text(item.label, item.param, placeholder=item.placeholder)
            continue
        labels = item.options(frames)
        widget = url_choice if item.kind == "one" else url_multichoice
        chosen[item.param] = widget(item.label, list(labels), item.param, format_func=labels.get)
    return chosen
