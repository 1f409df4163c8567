"""Peace in Our Cities: progress towards halving urban violence by 2030.

Layers, each a folder that imports only the ones before it:
base (constants, paths, settings) -> data -> engine -> text -> figures -> exports -> app;
cli uses data, engine and text.
"""
