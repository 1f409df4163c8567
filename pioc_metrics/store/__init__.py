"""The record behind the dashboard: accounts, submissions, review and numbered releases (SQLAlchemy, Alembic).

docs: shared/spec/stewardship.md. Imports only the data layer (and constants, paths, settings). Every function that
changes the store takes the acting account and checks the rules, so the command line and the web follow the same ones.
"""
