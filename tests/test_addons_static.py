"""Static checks of the addons that need no Odoo."""

import ast
import csv
import re

import pytest
from addon_files import ADDON_NAMES, ADDONS, manifest

DEPENDS = {
    "key_account_service": [
        "account",
        "board",
        "mail",
        "contacts",
        "resource",
        "l10n_cn",
        "survey",
    ],
    "courier_claims": ["key_account_service"],
    "cs_legal": ["courier_claims"],
}
DATA_FOLDERS = ("data", "security", "views", "report", "wizard")


def model_classes(addon):
    """(technical name, has company_id, source) of each concrete model defined."""
    found = []
    for path in sorted((ADDONS / addon).glob("**/*.py")):
        if "tests" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {ast.unparse(base) for base in node.bases}
            if not bases & {"models.Model", "models.TransientModel"}:
                continue
            assigned = {
                target.id: stmt.value
                for stmt in node.body
                if isinstance(stmt, ast.Assign)
                for target in stmt.targets
                if isinstance(target, ast.Name)
            }
            name = assigned.get("_name")
            if isinstance(name, ast.Constant):
                found.append((name.value, "company_id" in assigned, path))
    return found


def access_rows(addon):
    with (ADDONS / addon / "security" / "ir.model.access.csv").open() as handle:
        return list(csv.DictReader(handle))


def xml_files(addon):
    return sorted((ADDONS / addon).glob("**/*.xml"))


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_manifest(addon):
    data = manifest(addon)
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", data["version"])
    assert data["license"] == "LGPL-3"
    assert data["author"] == "Courier CS Suite"
    assert data["depends"] == DEPENDS[addon]
    assert data["application"] is True
    assert "description" not in data, "the description lives in readme/"


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_manifest_lists_every_data_file_and_only_existing_ones(addon):
    data = manifest(addon)
    listed = set(data.get("data", [])) | set(data.get("demo", []))
    for name in listed:
        assert (ADDONS / addon / name).is_file(), f"{name} is listed but missing"
    on_disk = {
        str(path.relative_to(ADDONS / addon))
        for folder in (*DATA_FOLDERS, "demo")
        for path in (ADDONS / addon / folder).glob("*")
        if path.suffix in (".xml", ".csv")
    }
    assert on_disk - listed == set(), "files not listed in the manifest"
    for name in data.get("demo", []):
        assert name.startswith("demo/"), f"{name} is demo data outside demo/"


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_groups_before_access_before_rules_and_menus_last(addon):
    files = manifest(addon)["data"]
    assert files[0].endswith("_groups.xml")
    assert files[1] == "security/ir.model.access.csv"
    assert files[-1] == f"views/{addon}_menus.xml"


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_every_model_has_access_rows_for_user_and_manager(addon):
    rows = access_rows(addon)
    granted = {(row["model_id:id"], row["group_id:id"]) for row in rows}
    models = model_classes(addon)
    assert models, "the addon defines no model"
    for name, _company, _path in models:
        model_ref = "model_" + name.replace(".", "_")
        for role in ("user", "manager"):
            group = f"{addon}_group_{role}"
            assert (model_ref, group) in granted, (
                f"{name} has no access row for {group}"
            )


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_only_managers_may_delete(addon):
    for row in access_rows(addon):
        if row["perm_unlink"] == "1":
            assert row["group_id:id"].endswith(("_group_manager", "_group_hq")), row[
                "id"
            ]


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_access_rows_name_groups_that_exist(addon):
    groups_xml = (ADDONS / addon / "security" / f"{addon}_groups.xml").read_text()
    own_groups = set(re.findall(r'<record id="(\w+)" model="res.groups"', groups_xml))
    for row in access_rows(addon):
        group = row["group_id:id"]
        assert "." in group or group in own_groups, f"{row['id']}: unknown {group}"
        assert row["id"] == "access_{}_{}".format(
            row["model_id:id"][len("model_") :], group.split("_group_")[-1]
        ), f"{row['id']} is not named access_<model>_<group>"


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_company_bearing_models_have_a_company_rule(addon):
    rules = "".join(
        path.read_text() for path in (ADDONS / addon / "security").glob("*.xml")
    )
    for name, has_company, _path in model_classes(addon):
        if not has_company:
            continue
        model_ref = "model_" + name.replace(".", "_")
        blocks = [b for b in rules.split("<record") if f'ref="{model_ref}"' in b]
        assert any("company_ids" in block for block in blocks), (
            f"{name} has no company rule"
        )


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_python_packages_import_every_module(addon):
    for package in ("models", "tests", "wizard", "report", "controllers"):
        folder = ADDONS / addon / package
        if not any(folder.glob("*.py")):
            continue  # absent, or templates only (a QWeb report folder)
        init = (folder / "__init__.py").read_text()
        for path in folder.glob("*.py"):
            if path.name in ("__init__.py", "common.py"):
                continue
            if package == "tests" and not path.name.startswith("test_"):
                continue
            assert f"import {path.stem}\n" in init, (
                f"{package}/{path.name} not imported"
            )


DEPRECATED_XML = {
    "<tree": "list views use <list> in 18.0",
    "attrs=": "modifiers are Python expressions since 17.0",
    " states=": "modifiers are Python expressions since 17.0",
    "kanban-box": "kanban cards use t-name='card'",
    "oe_chatter": "use <chatter/>",
    "tree_view_ref": "use list_view_ref",
}
DEPRECATED_PY = {
    r"def name_get\b": "override _compute_display_name",
    r"group_operator=": "use aggregator=",
    r"user_has_groups\(": "use env.user.has_group",
    r"\.commit\(\)": "never commit in business code",
    r"@api\.model\n\s+def create\(": "use @api.model_create_multi",
    r"numbercall|doall": "gone from ir.cron in 18.0",
    r"check_access_rights|check_access_rule": "use check_access / has_access",
}


# A concurrency test needs committed rows that two real transactions race for.
TEST_ONLY_IDIOMS = {r"\.commit\(\)"}


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_no_pre_18_idioms(addon):
    for path in xml_files(addon):
        text = path.read_text()
        for needle, why in DEPRECATED_XML.items():
            assert needle not in text, f"{path.name}: {needle} ({why})"
    for path in (ADDONS / addon).glob("**/*.py"):
        text = path.read_text()
        for pattern, why in DEPRECATED_PY.items():
            if pattern in TEST_ONLY_IDIOMS and "tests" in path.parts:
                continue
            assert not re.search(pattern, text), f"{path.name}: {pattern} ({why})"


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_started_tours_are_defined(addon):
    tours_js = "".join(
        path.read_text()
        for path in (ADDONS / addon / "static").glob("tests/tours/*.js")
    )
    defined = set(re.findall(r'\.add\("(\w+)"', tours_js))
    started = set()
    for path in (ADDONS / addon / "tests").glob("test_*.py"):
        started |= set(
            re.findall(r'start_tour\(\s*"[^"]*",\s*"(\w+)"', path.read_text())
        )
    assert started, "every app has at least one browser tour"
    assert started <= defined, f"tours started but not defined: {started - defined}"


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_every_window_action_is_reachable(addon):
    """An action no menu, button or code opens is a screen nobody can reach."""
    sources = [path.read_text() for path in xml_files(addon)]
    sources += [path.read_text() for path in (ADDONS / addon).glob("**/*.py")]
    for path in xml_files(addon):
        for action in re.findall(
            r'<record\s+id="(\w+)"\s+model="ir.actions.act_window"', path.read_text()
        ):
            uses = (f'action="{action}"', f"%({action})d", f"{addon}.{action}")
            assert any(use in text for text in sources for use in uses), (
                f"{action} is opened by no menu, button or code"
            )


REQUIREMENT_ID = re.compile(r"\b(KA|CL|LG|CM)-\d+\b")


def docstrings(tree):
    """The docstring nodes of a module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(
            node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
        ):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
            ):
                found.add(id(body[0].value))
    return found


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_no_requirement_ids_in_user_facing_text(addon):
    """Users read "Service", not "Service (KA-9)": requirement IDs stay in
    comments and docstrings, out of labels, help texts and messages."""
    from lxml import etree

    shown = []
    for path in (ADDONS / addon).glob("**/*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        skip = docstrings(tree)
        shown += [
            f"{path.name}: {node.value}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and REQUIREMENT_ID.search(node.value)
        ]
    for path in xml_files(addon):
        root = etree.parse(str(path)).getroot()
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue  # comments
            texts = [element.text or "", *element.attrib.values()]
            shown += [
                f"{path.name}: {text.strip()}"
                for text in texts
                if REQUIREMENT_ID.search(text)
            ]
    assert not shown, "requirement IDs shown to users:\n" + "\n".join(shown)
