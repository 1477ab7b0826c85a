"""The edition: every registry chart and reader page as static files (embed pages, pictures, CSV, figure JSON,
story pages, citations and share cards) for articles and traffic spikes, served by any static web server.

Above the catalog (it reads the published data through it), below ui (the app links every chart to it). Its words
for the reader pages live in `press.stories`, which the app's pages read too.
"""
