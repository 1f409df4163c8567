"""Pictures as pure functions: the plotly theme, trajectory, compare, network, coverage and projector figures,
pydeck maps.

Imports text, engine, data and the base modules.
"""
