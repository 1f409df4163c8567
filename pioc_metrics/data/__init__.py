"""Data in: reading, checking and validating the contract's files, uploads, derived rates, the gazetteer.

Imports only constants, paths and settings.
"""
