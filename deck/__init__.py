"""The briefing deck: slides that staff write in data/briefing.md (and in Russian, data/briefing.ru.md), each a live
chart from the chart registry, and the PDF handout made from them. Pure: never imports streamlit."""
