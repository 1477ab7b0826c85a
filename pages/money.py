"""Money and migrants: what Central Asians working in Russia send home, and how many go.

Charts: transfers_by_year (its recipients live in the URL, ?to=UZB,TJK), remittances_share_of_gdp,
remittance_figures, work_entries, work_arrivals, migrant_worker_figures. The words are in press/stories.py.
"""

from ui.frame import start_page
from ui.story import tell

start_page()
tell("money")
