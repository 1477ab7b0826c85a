"""Streamlit pieces the pages share (URL state, source lines). Pages stay thin; charts/ never imports this."""
