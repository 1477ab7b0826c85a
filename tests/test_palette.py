"""One palette: every colour the app draws with comes from charts/palette.py, the app's theme agrees with it, and
the dark theme is drawn from its own roles."""

from __future__ import annotations

import io
import re
import tokenize
import tomllib
from dataclasses import fields

import pytest

from catalog import load
from catalog.boundaries import country_outlines
from charts.palette import CAPTION_INK_SHARE, DARK, LIGHT, OKABE_ITO, PALETTES, TRANSPARENT, Palette, rgb
from charts.registry import CHARTS
from charts.spec import Look
from tests.conftest import REPO

COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b|rgba?\([^)]*\)")
NAMED_COLOURS = {"white", "black", "red", "green", "blue", "grey", "gray", "orange", "yellow", "purple"}
APP_CODE = ["app.py", "pages", "ui", "press", "charts", "catalog", "deck", "rules"]


def app_files():
    for place in APP_CODE:
        path = REPO / place
        yield from ([path] if path.is_file() else sorted(path.rglob("*.py")))


def test_no_colour_is_written_anywhere_but_the_palette():
    found = []
    for path in app_files():
        if path == REPO / "charts" / "palette.py":
            continue
        for token in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
            if token.type != tokenize.STRING:
                continue
            text = token.string.strip("'\"")
            if COLOUR.search(token.string) or text in NAMED_COLOURS:
                found.append(f"{path.relative_to(REPO)}:{token.start[0]}: {token.string[:60]}")
    assert found == []


def test_streamlit_s_theme_is_the_palette_s():
    theme = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    assert theme["primaryColor"] == OKABE_ITO["blue"]
    assert theme["chartCategoricalColors"] == list(OKABE_ITO.values())
    for name, palette in PALETTES.items():
        assert {key: theme[name][key] for key in ("backgroundColor", "secondaryBackgroundColor", "textColor",
                                                  "linkColor")} == {
            "backgroundColor": palette.page, "secondaryBackgroundColor": palette.panel, "textColor": palette.ink,
            "linkColor": palette.link}, name


def palette_colours(palette: Palette) -> set[str]:
    """Every colour a palette holds, in the forms charts write them."""
    colours = {getattr(palette, role.name) for role in fields(palette) if isinstance(getattr(palette, role.name), str)}
    colours |= set(palette.countries.values()) | set(palette.asylum.values()) | set(palette.directions.values())
    colours |= set(palette.categorical) | set(OKABE_ITO.values()) | {palette.marks, TRANSPARENT}
    return {colour.replace(" ", "").lower() for colour in colours}


def colours_in(value) -> set[str]:
    return {match.replace(" ", "").lower() for match in COLOUR.findall(value)}


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=lambda palette: palette.name)
@pytest.mark.parametrize("presenting", [False, True], ids=["reading", "presenting"])
def test_every_chart_draws_only_with_its_palette_s_colours(palette, presenting):
    allowed = palette_colours(palette)
    look = Look(palette, presenter_height=600 if presenting else None)
    for spec in CHARTS.values():
        if spec.is_table:
            continue
        chart = spec.build({name: load(name) for name in spec.reads}, None, look, country_outlines())
        if chart.is_map:
            continue  # deck.gl colours are [r, g, b, a] lists made by charts.palette.rgb
        used = colours_in(chart.figure.to_json())
        assert used <= allowed, f"{spec.name} draws with {used - allowed}"
        if palette is DARK:
            assert "#000000" not in used, f"{spec.name} draws black on a dark page"


def luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour."""
    channels = [value / 255 for value in rgb(colour)[:3]]
    linear = [value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4 for value in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mixed(ink: str, background: str, share: float) -> str:
    """`share` of ink over the background, as CSS's color-mix draws it."""
    return "#" + "".join(f"{round(share * a + (1 - share) * b):02X}"
                         for a, b in zip(rgb(ink)[:3], rgb(background)[:3], strict=True))


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=lambda palette: palette.name)
def test_every_text_colour_passes_wcag_aa_on_its_background(palette):
    caption = CAPTION_INK_SHARE
    pairs = {
        "body text": (palette.ink, palette.page), "text on panels": (palette.ink, palette.panel),
        "links": (palette.link, palette.page), "links on panels": (palette.link, palette.panel),
        "captions": (mixed(palette.ink, palette.page, caption), palette.page),
        "captions on panels": (mixed(palette.ink, palette.panel, caption), palette.panel),
        "chart notes and source lines": (palette.muted_ink, palette.page),
        "presenter ink": (palette.strong_ink, palette.page),
        "place names on a map": (palette.place_ink, palette.land),
    }
    failing = {role: round(contrast(*pair), 2) for role, pair in pairs.items() if contrast(*pair) < 4.5}
    assert failing == {}


def test_the_handout_footer_passes_wcag_aa_on_its_white_page():
    assert contrast(LIGHT.footer_ink, LIGHT.page) >= 4.5


def test_the_contrast_arithmetic_matches_wcag():
    assert round(contrast("#000000", "#FFFFFF"), 1) == 21.0
    assert round(contrast("#767676", "#FFFFFF"), 2) == 4.54  # the lightest grey WCAG's examples pass on white
    assert mixed("#1B1F24", "#FFFFFF", 0.6) == "#76797C"  # Streamlit's own 60% caption: 4.37:1, which fails
    assert contrast(mixed("#1B1F24", "#FFFFFF", 0.6), "#FFFFFF") < 4.5
