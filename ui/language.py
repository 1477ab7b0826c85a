"""The reader's language: `?lang=ru` or `?lang=en` in the address, else the one they chose with the switch this
session (in the sidebar, or in presenter mode's corner menu), else their browser's (st.context.locale) if
Borderlines speaks it, else English.

Once chosen (by the address or the switch) or when it is not English, the language is written back into every
page's address, so it survives the navigation and every copied link. The page's own `lang` attribute follows it, so
screen readers and browsers' spell checkers and hyphenation know what they read.
"""

from __future__ import annotations

import streamlit as st

from i18n import ENGLISH, LANGUAGES, language_of, speak
from ui.style import out_of_sight
from ui.url_state import url_param

PARAM = "lang"
STATE_KEY = "reader-language"
CHOSEN_KEY = "reader-language-chosen"

# Sets <html lang>, which Streamlit leaves at "en" whatever the page says.
DOCUMENT_LANGUAGE_JS = """
export default function({ data }) { document.documentElement.lang = data.lang; }
"""
document_language = st.components.v2.component("borderlines.document_language", js=DOCUMENT_LANGUAGE_JS)


def parsed(value: str) -> str:
    code = language_of(value)
    if code is None or value.lower() != code:
        raise ValueError(value)
    return code


def speak_the_readers_language() -> str:
    """Run by the router before anything is drawn: from here on this session's script run speaks the reader's
    language. Returns its code."""
    requested = st.session_state.get(STATE_KEY) or language_of(st.context.locale) or ENGLISH
    speak(requested)  # a link's unknown language is explained in the one the reader had
    asked = url_param(PARAM, parsed, None, LANGUAGES[requested])
    if asked is not None:
        requested = asked
        st.session_state[CHOSEN_KEY] = True
    st.session_state[STATE_KEY] = requested
    speak(requested)
    return requested


def language_switch(container=st.sidebar) -> None:
    """The switch, labelled in both languages so that a reader who cannot read the page can still find it; keeps
    the choice in the address. Radio buttons, not a segmented control: its chosen option's text is 3.9:1 on its
    tint, under WCAG AA's 4.5:1."""
    container.radio("Language · Язык", list(LANGUAGES), format_func=LANGUAGES.get, key=STATE_KEY, horizontal=True,
                    on_change=switched)
    code = st.session_state[STATE_KEY]
    if st.session_state.get(CHOSEN_KEY) or code != ENGLISH:
        st.query_params[PARAM] = code
    else:
        st.query_params.pop(PARAM, None)
    out_of_sight("document-language")
    document_language(key="document-language", data={"lang": code})


def switched() -> None:
    """Before the rerun: the address must ask for the new language, or it would win over the switch."""
    st.session_state[CHOSEN_KEY] = True
    st.query_params[PARAM] = st.session_state[STATE_KEY]
