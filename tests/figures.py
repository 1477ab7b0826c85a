"""Reading chart data back out of figures the way a reader's browser gets it."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd

from catalog import load
from charts.spec import Drawing, Look


def decoded(values):
    """plotly 6+ may send number arrays as {'dtype', 'bdata'}; turn either form into a plain list."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def figure_json(app_element) -> dict:
    """The figure an AppTest plotly_chart element would send to the browser."""
    return json.loads(app_element.proto.spec)


def drawing(names: dict[str, str] | None = None, *, chosen: dict | None = None, look: Look | None = None,
            outlines: dict | None = None, **tables: pd.DataFrame) -> Drawing:
    """What a builder is given beside its rows, for a test: country names (from the published countries table
    unless given), any other tables it reads, the filters' values, the look (light unless given) and, for maps,
    the outlines."""
    countries = load("countries") if names is None else pd.DataFrame({"iso3": list(names),
                                                                       "name": list(names.values())})
    return Drawing({"countries": countries, **tables}, chosen or {}, look or Look(), outlines)
