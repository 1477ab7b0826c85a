"""The 2022 exodus: Russians crossing into Kazakhstan, Georgia, Finland and Mongolia after the mobilization of
21 September 2022, as officials counted them. Every figure counts border crossings, not people.

Charts: exodus_map (its day lives in the URL, ?on=2022-10-04), exodus_statements, who_stayed, border_lengths,
border_facts; the words are in press/stories.py.
"""

from ui.frame import start_page
from ui.story import tell

start_page()
tell("exodus")
