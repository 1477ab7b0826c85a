"""Reading chart data back out of figures the way a reader's browser gets it."""

from __future__ import annotations

import base64
import json

import numpy as np


def decoded(values):
    """plotly 6+ may send number arrays as {'dtype', 'bdata'}; turn either form into a plain list."""
    if isinstance(values, dict) and "bdata" in values:
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def figure_json(app_element) -> dict:
    """The figure an AppTest plotly_chart element would send to the browser."""
    return json.loads(app_element.proto.spec)
