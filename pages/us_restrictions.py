"""US restrictions: visa refusals, Turkmenistan's overstays, the June 2025 proclamation and the 2026 visa bonds.

Charts: us_visa_refusals, us_refusal_map (its year lives in the URL, ?year=2023), us_rules_in_force; and
Turkmenistan's overstay rates as figures. The words are in press/stories.py.
"""

from catalog import load, translated
from charts.us_visas import overstay_rates
from i18n import language
from press.stories import overstay_figures
from ui.frame import start_page
from ui.story import show_figures, tell

start_page()
tell("us_restrictions", overstays=lambda: show_figures(
    "overstays", lambda: overstay_figures(overstay_rates(translated({"us_visas": load("us_visas")},
                                                                     language())["us_visas"]))))
