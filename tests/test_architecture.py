"""The house's import rules: the import-linter contracts in pyproject.toml hold, they would catch a
forbidden import, and templates follow the same layers as the Python code."""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.template import engines

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def layer_contract():
    return next(c for c in CONFIG["contracts"] if c["type"] == "layers")


def rank_of_app():
    """{app: (rank, layer)}: a higher rank is a higher layer; apps in one layer are siblings."""
    layers = layer_contract()["layers"]
    return {
        app.strip(): (len(layers) - index, layer)
        for index, layer in enumerate(layers)
        for app in layer.split("|")
    }


def lint_imports(root):
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(root / "pyproject.toml")],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_import_contracts_hold():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert result.stdout.count(" KEPT") == len(CONFIG["contracts"]) >= 2


@pytest.fixture(scope="module")
def tree_copy(tmp_path_factory):
    """The portal's packages and pyproject.toml, copied so a test can add a bad import."""
    copy = tmp_path_factory.mktemp("tree")
    for package in CONFIG["root_packages"]:
        shutil.copytree(
            ROOT / package, copy / package, ignore=shutil.ignore_patterns("templates", "static")
        )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


@pytest.mark.parametrize(
    "module, line, broken",
    [
        ("events/views.py", "from applications.models import Application", "personal-data wall"),
        ("core/dates.py", "import applications.models", "personal-data wall"),
        ("supporters/views.py", "from events.models import Event", "Layers"),
        ("supporters/views.py", "from pages.models import Page", "Layers"),
        ("core/kana.py", "from supporters.models import Supporter", "Layers"),
    ],
)
def test_a_forbidden_import_breaks_a_contract(tree_copy, module, line, broken):
    path = tree_copy / module
    original = path.read_text()
    try:
        path.write_text(original + f"\n{line}\n")
        result = lint_imports(tree_copy)
    finally:
        path.write_text(original)
    assert result.returncode != 0
    broken_contracts = [row for row in result.stdout.splitlines() if row.endswith(" BROKEN")]
    assert any(broken in row for row in broken_contracts), result.stdout


TEMPLATE_REFERENCE = re.compile(r'{%\s*(?:include|extends)\s+"([a-z_]+)/')
TEMPLATE_LOAD = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")


def referenced_apps(text, ranks):
    for match in TEMPLATE_REFERENCE.finditer(text):
        if match.group(1) in ranks:
            yield match.group(0), match.group(1)
    libraries = engines["django"].engine.template_libraries
    for match in TEMPLATE_LOAD.finditer(text):
        for name in match.group(1).split():
            app = libraries[name].__module__.split(".")[0] if name in libraries else None
            if app in ranks:
                yield match.group(0), app


def test_templates_use_only_their_own_app_and_the_apps_below_it():
    ranks = rank_of_app()
    violations = []
    checked = 0
    for app, (rank, layer) in ranks.items():
        for template in (ROOT / app / "templates").rglob("*.html"):
            checked += 1
            for reference, other in referenced_apps(template.read_text(), ranks):
                other_rank, other_layer = ranks[other]
                if other != app and (other_rank > rank or other_layer == layer):
                    violations.append(f"{template.relative_to(ROOT)}: {reference} ({other})")
    assert checked > 50
    assert violations == []


def test_the_template_check_sees_a_reference_upwards():
    ranks = rank_of_app()
    found = dict(referenced_apps('{% load event_tags %}{% include "events/x.html" %}', ranks))
    assert set(found.values()) == {"events"}
