"""The only Streamlit layer: page context, sidebar, caches, widgets and one builder per page.

May import every other layer.
"""
