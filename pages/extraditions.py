"""Extraditions: Russians (and others) held, returned or stranded, mostly by Kazakhstan, since 2022.

Charts: extradition_status, extradition_steps. They share their filters (status, holding country), which live in
the URL. The words are in press/stories.py.
"""

from ui.frame import start_page
from ui.story import tell

start_page()
tell("extraditions")
