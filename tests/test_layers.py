"""The layers hold: transforms <- warehouse <- expectations <- flows, never back.

transforms/ is pure (text and rows in, rows out), warehouse/ may use it, expectations/ may use both (the
figures' columns are the warehouse's table contract, `warehouse/tables.py`), and flows/ orchestrates them all.
Read from the source with `ast`, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# package -> the first-party packages it must not import
FORBIDDEN = {
    "transforms": {"flows", "warehouse", "expectations"},
    "warehouse": {"flows", "expectations"},
    "expectations": {"flows"},
}


def imported_packages(path: Path) -> set[str]:
    packages = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            packages.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            packages.add(node.module.split(".")[0])
    return packages


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_the_layers_below_it(package: str):
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[package])
        for path in sorted((ROOT / package).rglob("*.py"))
    }
    assert {path: names for path, names in wrong.items() if names} == {}
