"""The layers hold: import-linter contracts, no import cycle between modules, no private imports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pathwayviz"


def test_import_linter_contracts_are_kept():
    out = subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--no-cache"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


def test_no_module_takes_part_in_an_import_cycle():
    graph = grimp.build_graph("pathwayviz")
    cycles = []
    for module in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported.startswith("pathwayviz") and imported != module:
                back = graph.find_shortest_chain(importer=imported, imported=module)
                if back is not None and not module.startswith(imported + ".") and not imported.startswith(module + "."):
                    cycles.append((module, *back))
    assert cycles == []


def _private_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("pathwayviz")):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    found.append(f"{path.relative_to(ROOT)}: {alias.name} from {'.' * node.level}{node.module or ''}")
            if any(part.startswith("_") and not part.startswith("__") for part in (node.module or "").split(".")):
                found.append(f"{path.relative_to(ROOT)}: module {node.module}")
    return found


def test_no_module_imports_another_modules_private_names():
    found = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _private_imports(path)]
    assert found == []


def test_the_private_import_check_can_fail(tmp_path):
    sample = ROOT / "pathwayviz" / "__sample_for_test.py"
    try:
        sample.write_text("from .model.loader import _Checker\n", encoding="utf-8")
        assert _private_imports(sample) == ["pathwayviz/__sample_for_test.py: _Checker from .model.loader"]
    finally:
        sample.unlink()
