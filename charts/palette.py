"""Every colour Borderlines draws with, by role, and nowhere else: charts, maps, the handout, the editor's marks and
the app's own theme (`.streamlit/config.toml`, kept in step by tests/test_palette.py).

The hues are Okabe and Ito's palette ("Color Universal Design"), readable with the common colour-vision
deficiencies. A theme is a `Palette`: the light one, and the dark one derived from it, where only what would vanish
on a dark page changes (ink, black marks, map land). Presenter mode draws with its palette's firmer `strong_ink`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import MappingProxyType

from i18n import N_

OKABE_ITO = MappingProxyType({
    "blue": "#0072B2", "vermillion": "#D55E00", "bluish_green": "#009E73", "reddish_purple": "#CC79A7",
    "orange": "#E69F00", "sky_blue": "#56B4E9", "yellow": "#F0E442", "black": "#000000",
})

# One colour per country, the same on every chart and map. Russia and Kazakhstan, the two sides of most stories, get
# the two most distinct hues; countries that rarely appear together share the rest (and differ in marker shape
# where they can meet, see charts.theme.country_shape).
COUNTRIES = MappingProxyType({
    "RUS": OKABE_ITO["vermillion"], "KAZ": OKABE_ITO["blue"], "KGZ": OKABE_ITO["bluish_green"],
    "TJK": OKABE_ITO["reddish_purple"], "UZB": OKABE_ITO["orange"], "TKM": OKABE_ITO["sky_blue"],
    "GEO": OKABE_ITO["bluish_green"], "FIN": OKABE_ITO["reddish_purple"], "MNG": OKABE_ITO["orange"],
    "USA": OKABE_ITO["black"],
})


# Captions on a page are the theme's ink with this share of it (the rest is the page showing through): quieter than
# body text, and at least 4.5:1 against the page in every theme (tests/test_palette.py).
CAPTION_INK_SHARE = 0.8

# A chart's paper and plot: the page shows through.
TRANSPARENT = "rgba(0,0,0,0)"


def rgb(hex_colour: str, alpha: int = 255) -> list[int]:
    """'#0072B2' as deck.gl's [red, green, blue, alpha]."""
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)] + [alpha]


def translucent(hex_colour: str, opacity: float) -> str:
    """'#E69F00' at an opacity, as CSS and plotly write it: 'rgba(230, 159, 0, 0.35)'."""
    red, green, blue, _ = rgb(hex_colour)
    return f"rgba({red}, {green}, {blue}, {opacity:g})"


@dataclass(frozen=True)
class Palette:
    """The colours of one theme, by role. Compared and cached by name: there are only the module's palettes."""

    name: str
    # The app's own theme (.streamlit/config.toml).
    page: str
    panel: str
    ink: str
    link: str
    # Charts.
    strong_ink: str  # presenter mode's type and lines, for a room
    muted_ink: str  # notes on a chart, event lines, the burned-in source line
    footer_ink: str  # the handout's page footer
    axis: str  # axis lines
    grid: str  # gridlines
    strong_grid: str  # presenter mode's gridlines
    faint: str  # connectors between marks, and "not reported"
    other: str  # a country without a colour of its own
    countries: MappingProxyType
    # Maps: the page shows through where there is no land, so land, borders and names follow the theme.
    land: str
    border: str
    place_ink: str
    tint: int  # opacity (0-255) of a story country's colour over the land
    least: str  # the two ends of a shaded (choropleth) map
    most: str
    most_in_words: str  # how a caption names the "most" end (a message: shown through `_()`)
    # The editor: a changed cell, readable in either theme.
    changed_cell: str

    def __hash__(self) -> int:
        return hash(self.name)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Palette) and other.name == self.name

    def country(self, iso3: str) -> str:
        return self.countries.get(iso3, self.other)

    @property
    def categorical(self) -> list[str]:
        """Colours in order for series that are not countries: Okabe-Ito, with black as this theme's ink."""
        return [self.countries["USA"] if colour == OKABE_ITO["black"] else colour for colour in OKABE_ITO.values()]

    @property
    def asylum(self) -> dict[str, str]:
        """A person's asylum status, on the extradition charts."""
        return {"granted": OKABE_ITO["bluish_green"], "pending": OKABE_ITO["orange"],
                "refused": OKABE_ITO["vermillion"], "not_sought": OKABE_ITO["sky_blue"], "unknown": self.faint}

    @property
    def marks(self) -> str:
        """Marks that are not told apart by colour (a case's steps, told apart by shape)."""
        return OKABE_ITO["blue"]

    @property
    def directions(self) -> dict[str, str]:
        """Which way border crossings went."""
        return {"entry": OKABE_ITO["blue"], "exit": OKABE_ITO["vermillion"]}


LIGHT = Palette(
    name="light", page="#FFFFFF", panel="#F3F5F7", ink="#1B1F24", link="#0060A0",
    strong_ink="#000000", muted_ink="#5F676E", footer_ink="#3A4046", axis="#8A9299",
    grid=translucent("#8A9299", 0.3), strong_grid=translucent("#000000", 0.3), faint="#A7AFB6", other="#8A9299",
    countries=COUNTRIES,
    land="#E1E5E9", border="#969EA6", place_ink="#282C30", tint=70, least="#DEEBF7", most="#165593",
    most_in_words=N_("Darker"),
    changed_cell=translucent(OKABE_ITO["orange"], 0.35),
)

# On a dark page black vanishes: the dark theme's ink takes its place (the United States' marks and the presenter's
# type), notes get a lighter grey, and maps draw dark land with a dark-to-bright scale.
DARK_INK = "#E8EBEE"
DARK = replace(
    LIGHT, name="dark", page="#121519", panel="#1D2228", ink=DARK_INK, link="#7CC4F2",
    strong_ink=DARK_INK, muted_ink="#9AA3AB", footer_ink="#C4CAD0", strong_grid=translucent(DARK_INK, 0.3),
    countries=MappingProxyType({**COUNTRIES, "USA": DARK_INK}),
    land="#343A42", border="#6E7680", place_ink=DARK_INK, tint=150, least="#2C3E54", most="#7CC4F2",
    most_in_words=N_("Brighter"),
)

PALETTES = {palette.name: palette for palette in (LIGHT, DARK)}
