"""Words and numbers for people: translations (gettext catalogs), numbers through Babel, escaping, catalog labels,
shared sentences.

Imports engine, data and the base modules.
"""
