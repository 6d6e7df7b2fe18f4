"""Where an enum exists, the code compares its members, not the strings behind them."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _is_text(node):
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    return isinstance(node, ast.Tuple | ast.List | ast.Set) and any(
        _is_text(element) for element in node.elts)


def _value_compared_with_text(path):
    """Yield the lines that compare ``<something>.value`` with a string literal."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        enum_value = any(isinstance(side, ast.Attribute) and side.attr == "value"
                         for side in sides)
        if enum_value and any(_is_text(side) for side in sides):
            yield f"{path.relative_to(ROOT)}:{node.lineno}"


def test_no_enum_value_is_compared_with_a_string():
    paths = sorted([*(ROOT / "registry").rglob("*.py"), *(ROOT / "arch_models").rglob("*.py")])
    found = [line for path in paths for line in _value_compared_with_text(path)]
    assert found == []
