"""Files people take away: chart images, the PDF city brief, CSV and Excel downloads.

Imports figures, text, engine, data and the base modules.
"""
