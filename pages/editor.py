"""Editor: newsroom staff replace or edit a dataset, read every problem, see the diff, publish, or roll back.

Behind a sign-in (ui/login.py); the flow is ui/editing.py. ?dataset=NAME&task=upload|edit|history
"""

import streamlit as st

from catalog import DATASETS, load_catalog
from catalog.store import data_dir
from charts.text import escape_markdown
from i18n import _
from ui.editing import TASKS, EditSession, dataset_title, task_label
from ui.edition_build import edition_progress
from ui.frame import start_page
from ui.login import signed_in_editor
from ui.url_state import url_choice

start_page()

st.title(_("Editor"))
editor = signed_in_editor()
if editor is None:
    st.stop()

name = url_choice(_("Dataset"), list(DATASETS), "dataset", format_func=dataset_title)
session = EditSession(data_dir(), DATASETS[name], editor, load_catalog().states[name])
st.caption(_("Signed in as {editor}. Every publish names you in the public changelog.").format(
    editor=escape_markdown(editor)))
session.show_status()
edition_progress(only_when_busy=True)
task = url_choice(_("What to do"), list(TASKS), "task", format_func=task_label)
TASKS[task][1](session)
