"""Pure chart builders: DataFrame in, plotly figure or pydeck deck out. Never imports streamlit."""
