"""The package's layers stay visible: each folder imports only the layers before it, only the app
layer imports Streamlit, and modules, functions and pages stay small enough to read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pioc_metrics"
BASE = {"constants", "paths", "settings"}
# What each layer may import from the package besides itself and the base modules.
ALLOWED = {
    "data": set(),
    "store": {"data"},
    "engine": {"data"},
    "text": {"data", "engine"},
    "figures": {"data", "engine", "text"},
    "exports": {"data", "engine", "text", "figures"},
    "app": {"data", "store", "engine", "text", "figures", "exports", "cli"},
    "cli": {"data", "store", "engine", "text", "cli_store"},
    "cli_store": {"data", "store", "engine", "text"},
    "constants": set(), "paths": set(), "settings": set(), "__init__": set(), "__main__": {"cli"},
}
LAYERS = ("data", "store", "engine", "text", "figures", "exports", "app")


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def _layer(path: Path) -> str:
    part = path.relative_to(PACKAGE).parts[0]
    return part.removesuffix(".py")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_each_module_imports_only_earlier_layers(path):
    layer = _layer(path)
    used = {name.split(".")[1] for name in _imports(path) if name.startswith("pioc_metrics.")}
    forbidden = used - BASE - ALLOWED[layer] - {layer}
    assert not forbidden, f"{path.relative_to(ROOT)} ({layer}) imports {sorted(forbidden)}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_app_layer_imports_streamlit(path):
    streamlit = {name for name in _imports(path) if name.split(".")[0] == "streamlit"}
    if _layer(path) != "app":
        assert not streamlit, f"{path.relative_to(ROOT)} imports {sorted(streamlit)}"


def test_every_layer_says_what_it_holds_and_may_import():
    for layer in LAYERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc.lower(), layer


def test_modules_and_functions_stay_readable():
    too_long = []
    for path in _modules():
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > 500:
            too_long.append(f"{path.relative_to(ROOT)}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > 80:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {length} lines")
    assert not too_long, too_long


def test_pages_read_like_layouts():
    pages = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py"))]
    long_pages = {p.name: n for p in pages if (n := len(p.read_text(encoding="utf-8").splitlines())) >= 90}
    assert not long_pages, long_pages
