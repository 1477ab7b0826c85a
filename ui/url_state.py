"""What a page reads from its address, and the filters that live there, so a copied link reopens the same view.

Every query parameter is untrusted input: `url_param` is the one way a page reads one. A value the page does not
know (an unknown option, an impossible date, a slide number in another script's digits, anything too long) gives
the page's default, and the reader is told what the link asked for and what the page shows instead; never a
traceback.

Streamlit's own `bind="query-params"` writes an option's display label into the URL ("?dataset=Timeline+of+events");
these helpers keep the stable machine value there instead ("?dataset=events").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

import streamlit as st

from charts.spec import Filter
from charts.text import escape_markdown
from i18n import _

T = TypeVar("T")
LONGEST_VALUE = 2000  # characters; no parameter of ours is longer (a long list of trips is the longest)
LONGEST_SEARCH = 200


def url_param(param: str, parse: Callable[[str], T], default: T, shown_instead: str) -> T:
    """The query parameter `param` as `parse` reads it, or `default` when it is absent. A value `parse` refuses
    (by raising ValueError) also gives `default`, and the page says so, naming `shown_instead` (in the reader's
    language: a caller passes it through `_()`)."""
    raw = st.query_params.get(param)
    if raw is None:
        return default
    try:
        if len(raw) > LONGEST_VALUE:
            raise ValueError(raw)
        return parse(raw)
    except ValueError:
        not_in_this_page(param, raw, shown_instead)
        return default


def not_in_this_page(param: str, value: str, shown_instead: str) -> None:
    """Tell the reader that the link asked for something this page does not have, and what it shows instead."""
    shortened = value if len(value) <= 60 else value[:60] + "…"
    st.info(_("This link asks for {param} “{value}”, which this page does not have; it shows {instead} instead.")
            .format(param=escape_markdown(param), value=escape_markdown(shortened),
                    instead=escape_markdown(shown_instead)), icon=":material/link_off:")


def at_most(characters: int) -> Callable[[str], str]:
    """A parser that accepts any text up to a length."""
    def parse(value: str) -> str:
        if len(value) > characters:
            raise ValueError(value)
        return value
    return parse


def one_of(options: Sequence[str]) -> Callable[[str], str]:
    """A parser that accepts only the given values."""
    def parse(value: str) -> str:
        if value not in options:
            raise ValueError(value)
        return value
    return parse


def url_choice(label: str, options: Sequence[str], param: str, format_func: Callable[[str], str] = str) -> str:
    """A selectbox whose value is read from and written to the query parameter `param`."""
    if not options:
        st.caption(_("{label}: nothing to choose from in the published data.").format(label=escape_markdown(label)))
        return ""
    requested = url_param(param, one_of(options), options[0], format_func(options[0]))
    chosen = st.selectbox(label, options, index=list(options).index(requested), format_func=format_func,
                          key=f"url-{param}")
    if chosen == options[0]:
        st.query_params.pop(param, None)  # the default needs no parameter: keeps shared links short
    else:
        st.query_params[param] = chosen
    return chosen


def url_multichoice(label: str, options: Sequence[str], param: str,
                    format_func: Callable[[str], str] = str) -> list[str]:
    """A multiselect whose choice lives in the URL as ?param=a,b; no parameter (and no choice) means all options.
    Values the page does not know are left out, and the reader is told."""
    parts = [part for part in url_param(param, str, "", _("all")).split(",") if part]
    unknown = [part for part in parts if part not in options]
    if unknown:
        not_in_this_page(param, ",".join(unknown), _("the rest") if len(unknown) < len(parts) else _("all"))
    requested = [part for part in parts if part in options]
    chosen = st.multiselect(label, options, default=requested, format_func=format_func, key=f"url-{param}",
                            placeholder=_("All"))
    if chosen:
        st.query_params[param] = ",".join(chosen)
    else:
        st.query_params.pop(param, None)
    return chosen or list(options)


def url_text(label: str, param: str, placeholder: str = "") -> str:
    """A search box whose text lives in the URL as ?param=words."""
    typed = st.text_input(label, value=url_param(param, at_most(LONGEST_SEARCH), "", _("no search")),
                          key=f"url-{param}", placeholder=placeholder, max_chars=LONGEST_SEARCH)
    if typed:
        st.query_params[param] = typed
    else:
        st.query_params.pop(param, None)
    return typed


def url_filters(filters: Sequence[Filter], options: Mapping[str, dict[str, str]]) -> dict[str, str | list[str]]:
    """The widgets for a registry chart's filters, each bound to its URL parameter, offering `options` (each choice
    filter's values and their labels); returns the chosen values. Labels and placeholders are messages (N_ in the
    registry), shown in the reader's language."""
    chosen: dict[str, str | list[str]] = {}
    for item in filters:
        if item.kind == "text":
            chosen[item.param] = url_text(_(item.label), item.param, placeholder=_(item.placeholder))
            continue
        labels = options[item.param]
        widget = url_choice if item.kind == "one" else url_multichoice
        chosen[item.param] = widget(_(item.label), list(labels), item.param, format_func=labels.get)
    return chosen
