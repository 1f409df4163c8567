"""The methodology engine: every formula, the all-city progress table, the network view, one city's series and
paths, the worked example.

Imports data and the base modules.
"""
