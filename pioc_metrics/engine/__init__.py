"""The methodology engine: every formula, the all-city progress table with its status certainty (Poisson
draws of the counts), the headline measure, the network view, one city's series and paths, the worked example.

Imports data and the base modules.
"""
