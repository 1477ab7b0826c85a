"""Entry bans: "an eye for an eye". Russia and Kazakhstan barring each other's citizens, in 2025.

Charts: bans_timeline, bans_by_occupation, bans_map. They share their filters (direction, occupation, search),
which live in the URL; charts, tables and downloads all show exactly the filtered rows. The words are in
press/stories.py.
"""

from ui.frame import start_page
from ui.story import tell

start_page()
tell("entry_bans")
