"""The layers keep to their rules: a pure core, and writes only through the services."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN_IN_CORE = {"flask", "flask_sqlalchemy", "flask_babel", "sqlalchemy", "marshmallow",
                     "registry"}


def _imported_roots(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


@pytest.mark.parametrize(
    "path", sorted((ROOT / "arch_models").rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT))
)
def test_core_module_imports_no_web_or_database_library(path):
    assert not set(_imported_roots(path)) & FORBIDDEN_IN_CORE


def test_reference_data_imports_only_the_standard_library_a_yaml_reader_and_itself():
    allowed_third_party = {"yaml"}
    for path in (ROOT / "arch_models" / "reference").rglob("*.py"):
        roots = set(_imported_roots(path)) - {"arch_models", "__future__"}
        import sys

        assert roots - set(sys.stdlib_module_names) <= allowed_third_party, path


REGISTRY = ROOT / "registry"


def _web_packages():
    """Every registry package that serves pages or the API: one of its modules makes a Blueprint."""
    return sorted(
        package.name for package in REGISTRY.iterdir()
        if (package / "__init__.py").exists()
        and any("Blueprint(" in path.read_text() for path in package.rglob("*.py"))
    )


WEB_PACKAGES = _web_packages()


def test_the_web_packages_are_found_on_disk():
    assert {"inventory", "integrations", "opd", "catalogue", "transfer", "home", "changes",
            "api", "auth", "admin"} <= set(WEB_PACKAGES)
    assert not {"services", "models", "schemas"} & set(WEB_PACKAGES)


@pytest.mark.parametrize("area", WEB_PACKAGES)
def test_routes_never_write_to_the_session_themselves(area):
    for path in (REGISTRY / area).rglob("*.py"):
        text = path.read_text()
        assert "db.session.add" not in text, path
        assert "db.session.commit" not in text, path


def _module_name(path):
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_modules(path):
    """The registry modules ``path`` imports, anywhere in it (inside functions too)."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            # ``from registry.inventory import routes`` imports the module registry.inventory.routes
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def _area(module):
    """The area a registry module belongs to: its package under registry/, or None."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in WEB_PACKAGES) else None


def _is_routes(module):
    """Routes of a web package: ``registry.<area>.routes`` and the API's resource modules."""
    parts = module.split(".")
    return len(parts) == 3 and parts[0] == "registry" and (
        parts[2] == "routes" or (parts[1] == "api" and (REGISTRY / "api" / f"{parts[2]}.py")
                                 .exists()))


#: the app factory registers every blueprint, so it imports them all
FACTORY = REGISTRY / "__init__.py"


@pytest.mark.parametrize("path", sorted(REGISTRY.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_module_imports_another_areas_routes(path):
    if path == FACTORY:
        return
    own = _area(_module_name(path))
    foreign = {module for module in _imported_modules(path)
               if _is_routes(module) and _area(module) != own}
    assert not foreign, f"{path.relative_to(ROOT)} imports {sorted(foreign)}: share it through " \
                        "registry.web or a service instead"


def test_no_import_cycle_between_web_packages():
    edges = {area: set() for area in WEB_PACKAGES}
    for area in WEB_PACKAGES:
        for path in (REGISTRY / area).rglob("*.py"):
            for module in _imported_modules(path):
                other = _area(module) if module.startswith("registry.") else None
                if other in edges and other != area:
                    edges[area].add(other)

    def cycle_from(start, node, trail):
        for nxt in sorted(edges[node]):
            if nxt == start:
                return [*trail, nxt]
            if nxt not in trail:
                found = cycle_from(start, nxt, [*trail, nxt])
                if found:
                    return found
        return None

    cycles = [c for c in (cycle_from(area, area, [area]) for area in WEB_PACKAGES) if c]
    assert not cycles, " ; ".join(" -> ".join(c) for c in cycles)


#: what a service may take from flask: the running app's configuration and extensions.
#: flask_babel (messages, dates in the user's language) is allowed as a whole.
SERVICE_FLASK_NAMES = {"current_app", "has_app_context"}
#: the exceptions, each with its reason
SERVICE_FLASK_EXCEPTIONS = {
    # the diagram cache notes per request whether a diagram was a hit, for the response header
    "diagram_cache.py": {"has_request_context", "request"},
}


@pytest.mark.parametrize("path", sorted((REGISTRY / "services").rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_services_take_no_request_state_from_flask(path):
    allowed = SERVICE_FLASK_NAMES | SERVICE_FLASK_EXCEPTIONS.get(path.name, set())
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            assert not [a for a in node.names if a.name == "flask" or a.name.startswith("flask.")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "flask":
            names = {alias.name for alias in node.names}
            assert names <= allowed, f"{path.relative_to(ROOT)} imports {sorted(names - allowed)}"
    web = {f"registry.{area}" for area in WEB_PACKAGES} | {"registry.web", "registry.forms"}
    for module in _imported_modules(path):
        where = path.relative_to(ROOT)
        assert ".".join(module.split(".")[:2]) not in web, f"{where} imports {module}"
        if module == "registry.labels":
            assert _is_pure(REGISTRY / "labels.py"), "registry.labels imports flask"


def _is_pure(path):
    """Tell whether a module takes nothing from flask itself (flask_babel is fine)."""
    return "flask" not in set(_imported_roots(path))


def test_labels_are_pure_so_services_may_use_them():
    assert _is_pure(REGISTRY / "labels.py")


#: the stored values of the roles; a template asks a predicate of services/permissions.py instead
ROLE_VALUES = ("admin", "architect", "reviewer", "opd_operator", "viewer", "asesor")
ROLE_TEST = re.compile(r"\brole(\.value)?\s*(==|!=|\bin\b|\bnot in\b)")
ROLE_LITERAL = re.compile(r"""(==|!=|\bin\b)\s*\(?[^)%}]*['"](""" + "|".join(ROLE_VALUES)
                          + r""")['"]""")
PERMISSIONS = REGISTRY / "services" / "permissions.py"


@pytest.mark.parametrize("path", sorted((ROOT / "templates").rglob("*.html")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_no_template_compares_a_role(path):
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        assert not ROLE_TEST.search(line), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        assert not ROLE_LITERAL.search(line), f"{path.relative_to(ROOT)}:{number}: {line.strip()}"


def _is_role_member(node):
    """``Role.X`` or ``models.Role.X``."""
    return isinstance(node, ast.Attribute) and (
        (isinstance(node.value, ast.Name) and node.value.id == "Role")
        or (isinstance(node.value, ast.Attribute) and node.value.attr == "Role"))


@pytest.mark.parametrize("path", sorted(REGISTRY.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(ROOT)))
def test_role_sets_are_named_only_in_permissions(path):
    if path == PERMISSIONS:
        return
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            roles = [e for e in node.elts if _is_role_member(e) or isinstance(e, ast.Starred)]
            assert not (len(roles) > 1 and any(_is_role_member(e) for e in roles)), \
                f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)} -- name it in " \
                "services/permissions.py"


def test_the_cli_lists_each_command_once_in_one_place():
    import click

    from registry import cli

    tree = ast.parse((REGISTRY / "cli.py").read_text())
    bindings = [node for node in ast.walk(tree) if isinstance(node, ast.Assign | ast.AugAssign)
                and "COMMANDS" in {getattr(t, "id", None) for t in getattr(node, "targets", [])
                                   or [node.target]}]
    assert len(bindings) == 1
    commands = {value for value in vars(cli).values() if isinstance(value, click.Command)}
    subcommands = {sub for group in commands if isinstance(group, click.Group)
                   for sub in group.commands.values()}
    assert commands - subcommands == set(cli.COMMANDS)
    assert len(cli.COMMANDS) == len(set(cli.COMMANDS))


def test_the_cli_imports_at_the_top_unless_it_says_why():
    source = (REGISTRY / "cli.py").read_text().splitlines()
    for node in ast.walk(ast.parse("\n".join(source))):
        if isinstance(node, ast.FunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    assert "# lazy:" in source[inner.lineno - 1], source[inner.lineno - 1]
