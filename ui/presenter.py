"""Presenter mode: for screen-sharing Borderlines to a room. No sidebar or Streamlit chrome, type about 1.5 times its
reading size, high-contrast charts sized to the screen.

`?present=1` on any page turns it on and `?present=0` off; so does the sidebar toggle. The choice is kept in the
session and written back into every page's URL, so it stays on while the presenter moves between pages and slides.
With the sidebar hidden, the corner menu holds the pages and the language switch.
"""

from __future__ import annotations

import streamlit as st

from i18n import _
from ui.language import language_switch
from ui.url_state import one_of, url_param

PARAM = "present"
STATE_KEY = "presenter-mode"
# A 1280x720 projector, until the browser has said how big its window is.
SMALLEST_SCREEN = {"width": 1280, "height": 720}

# A slide's headline: 3.25rem, or as much smaller as keeps a long one (a Russian headline) on one line, so that its
# chart keeps the room a short headline leaves; below the smallest it wraps. Each size is a container's key.
HEADLINE_SIZES = (3.25, 3.0, 2.75, 2.5, 2.25)


def headline_key(size: float) -> str:
    return "slide-headline-" + f"{size:.2f}".replace(".", "-")


# Our own constant stylesheet: nothing from a CSV or a URL ever goes into it.
PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stMainMenu"],
[data-testid="stDecoration"], [data-testid="stAppDeployButton"], [data-testid="stExpandSidebarButton"],
.st-key-presenter-viewport, .st-key-slide-keys { display: none !important; }
.st-key-presenter-corner { position: fixed; top: 0.25rem; right: 1rem; left: auto; width: max-content !important;
  z-index: 999990; }
[data-testid="stMainBlockContainer"] { padding: 1.25rem 2.5rem 1rem 2.5rem; max-width: none; }
[data-testid="stMain"] h1 { font-size: 3.25rem; line-height: 1.15; padding-top: 0; }
[data-testid="stMain"] h2 { font-size: 3rem; }
[data-testid="stMain"] h3 { font-size: 2.25rem; }
[data-testid="stMain"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMain"] [data-testid="stMarkdownContainer"] li { font-size: 1.5rem; }
[data-testid="stMain"] [data-testid="stCaptionContainer"] { font-size: 1.3rem; }
""" + "".join(f".st-key-{headline_key(size)} h1 {{ font-size: {size}rem; }}\n" for size in HEADLINE_SIZES) + """</style>
"""

# Reports the browser window's size (and each change of it) so charts can be sized to fit the screen.
VIEWPORT_JS = """
export default function({ setStateValue }) {
  let timer;
  const report = () => setStateValue("size", {width: window.innerWidth, height: window.innerHeight});
  const later = () => { clearTimeout(timer); timer = setTimeout(report, 300); };
  report();
  window.addEventListener("resize", later);
  return () => { clearTimeout(timer); window.removeEventListener("resize", later); };
}
"""
viewport_reporter = st.components.v2.component("borderlines.viewport", js=VIEWPORT_JS)

# Presentation remotes send arrow keys or PageUp/PageDown. Keys typed into a field are left alone.
SLIDE_KEYS_JS = """
export default function({ setTriggerValue }) {
  const steps = {ArrowRight: "next", ArrowDown: "next", PageDown: "next", ArrowLeft: "previous",
                 ArrowUp: "previous", PageUp: "previous", Home: "first", End: "last"};
  const onKey = (event) => {
    const step = steps[event.key];
    const typing = event.target instanceof Element
      && event.target.closest("input, textarea, select, [contenteditable]");
    if (!step || typing || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    setTriggerValue("step", step);
  };
  document.addEventListener("keydown", onKey);
  return () => document.removeEventListener("keydown", onKey);
}
"""
slide_keys = st.components.v2.component("borderlines.slide_keys", js=SLIDE_KEYS_JS)

# The presenter's own clock, from their computer: the server's may be in another time zone.
CLOCK_JS = """
export default function({ parentElement }) {
  const face = parentElement.querySelector("time");
  const tick = () => { face.textContent = new Date().toLocaleTimeString([], {hour: "2-digit", minute: "2-digit"}); };
  tick();
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
}
"""
clock = st.components.v2.component("borderlines.clock", html="<time></time>", js=CLOCK_JS,
                                   css="time { font-size: 3rem; font-weight: 600; }")


def presenting() -> bool:
    return bool(st.session_state.get(STATE_KEY))


def leave() -> None:
    st.session_state[STATE_KEY] = False
    st.query_params.pop(PARAM, None)


def presenter_frame(pages: list[st.Page], current: st.Page) -> bool:
    """Run by the router before every page: read the mode from the URL or the session, keep it in the URL, offer the
    toggle, and in presenter mode hide the chrome, learn the screen size, and put the way to other pages and out of
    presenter mode in a corner (the sidebar that normally holds them is hidden), the language switch among the
    pages. Returns whether the page is presented: if not, the router puts the language switch in the sidebar."""
    requested = url_param(PARAM, one_of(["0", "1"]), None, _("the page in its present mode"))
    if requested is not None:
        st.session_state[STATE_KEY] = requested == "1"
    st.sidebar.toggle(_("Presenter mode"), key=STATE_KEY, help=_("Big type and no sidebar, for showing on a screen"),
                      on_change=lambda: st.query_params.pop(PARAM, None))
    if not presenting():
        st.query_params.pop(PARAM, None)
        return False
    st.query_params[PARAM] = "1"
    st.html(PRESENTER_CSS)
    if st.session_state.get("presenter-on-page") != current.url_path:  # a page link was followed: close the menu
        st.session_state["presenter-on-page"] = current.url_path
        st.session_state["presenter-pages"] = False
    with st.container(key="presenter-corner", horizontal=True, width="content"):
        with st.popover(_("Pages"), icon=":material/menu:", type="tertiary", key="presenter-pages",
                        on_change="rerun") as menu:
            for page in pages:
                st.page_link(page)
        language_switch(menu)
        st.button(_("Leave presenter mode"), on_click=leave, icon=":material/close_fullscreen:", type="tertiary",
                  key="leave-presenter")
    size = viewport_reporter(key="presenter-viewport", on_size_change=lambda: None).size
    st.session_state["presenter-screen"] = size or SMALLEST_SCREEN
    return True


def screen() -> dict[str, int]:
    """The presenter's browser window in CSS pixels, as last reported."""
    return st.session_state.get("presenter-screen", SMALLEST_SCREEN)

