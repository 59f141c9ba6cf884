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


def _probing(path: Path) -> list[str]:
    """Calls that find parts by probing or by name instead of being handed them."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("getattr", "hasattr"):
            found.append(f"{path.name}:{node.lineno} {node.func.id}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "findChild"
                and len(node.args) > 1):
            found.append(f"{path.name}:{node.lineno} findChild by name")
        if isinstance(node, ast.ExceptHandler) and isinstance(node.type, ast.Name) and node.type.id == "Exception":
            found.append(f"{path.name}:{node.lineno} except Exception")
    return found


MAX_MODULE_LINES = 420  # issue 10: "no module over about 400 lines"


def _long_modules(folder: Path) -> list[str]:
    return [f"{path.relative_to(folder)}: {n} lines" for path in sorted(folder.rglob("*.py"))
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES]


def test_no_module_is_over_about_400_lines():
    assert _long_modules(PACKAGE) == []


def test_the_module_length_check_can_fail(tmp_path):
    (tmp_path / "short.py").write_text("x = 1\n" * MAX_MODULE_LINES, encoding="utf-8")
    (tmp_path / "long.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    assert _long_modules(tmp_path) == [f"long.py: {MAX_MODULE_LINES + 1} lines"]


def test_the_window_is_composed_in_plain_sight():
    found = [hit for path in sorted((PACKAGE / "ui").glob("*.py")) for hit in _probing(path)]
    assert found == []


def test_the_probing_check_can_fail(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("try:\n    x = getattr(w, 'plots', None)\nexcept Exception:\n    w.findChild(object, 'dock')\n",
                      encoding="utf-8")
    assert sorted(_probing(sample)) == ["sample.py:2 getattr", "sample.py:3 except Exception",
                                        "sample.py:4 findChild by name"]
