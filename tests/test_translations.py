"""Every translatable term of the addons is in its .pot and translated in Chinese.

The terms are read from the source the way Odoo exports them: ``_()`` calls,
field labels, helps and selection values, model descriptions, and the strings,
placeholders and confirmations of the XML views and menus. A term added
without updating ``i18n/`` fails here, naming the term.
"""

import ast
import json
import re

import pytest
from addon_files import ADDON_NAMES, ADDONS
from lxml import etree

LANGS = ("zh_CN", "zh_TW")
XML_ATTRIBUTES = ("string", "help", "placeholder", "confirm", "data-string", "title")
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|%%|\{\{.*?\}\}|t-out=\"[^\"]*\"")


def normalise(term):
    return " ".join(term.split())


def read_po(path):
    """{msgid: msgstr} of a .po or .pot file."""
    entries, key, current = {}, None, {}
    for line in path.read_text().splitlines() + [""]:
        match = re.match(r'^(msgid|msgstr) "(.*)"$', line)
        if match:
            key = match.group(1)
            current[key] = json.loads(f'"{match.group(2)}"')
        elif line.startswith('"') and key:
            current[key] += json.loads(line)
        elif not line.strip():
            if current.get("msgid"):
                entries[current["msgid"]] = current.get("msgstr", "")
            key, current = None, {}
    return entries


def _is_translate_call(node):
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "_") or (
        isinstance(func, ast.Attribute)
        and func.attr == "_"
        and ast.unparse(func.value).endswith("env")
    )


def python_terms(addon):
    terms = set()
    for path in (ADDONS / addon).glob("**/*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                strings = _call_terms(node)
                terms.update(s for s in strings if s.strip())
            elif isinstance(node, ast.Assign) and _assigns(node, "_description"):
                terms.add(node.value.value)
    return terms


def _assigns(node, name):
    return (
        len(node.targets) == 1
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id == name
        and isinstance(node.value, ast.Constant)
    )


def _call_terms(node):
    if _is_translate_call(node):
        first = node.args[0] if node.args else None
        return [first.value] if isinstance(first, ast.Constant) else []
    func = ast.unparse(node.func)
    if not func.startswith("fields."):
        return []
    found = [
        kw.value.value
        for kw in node.keywords
        if kw.arg in ("string", "help")
        and isinstance(kw.value, ast.Constant)
        and isinstance(kw.value.value, str)
    ]
    if func == "fields.Selection" and node.args and isinstance(node.args[0], ast.List):
        for item in node.args[0].elts:
            if isinstance(item, ast.Tuple) and isinstance(item.elts[1], ast.Constant):
                found.append(item.elts[1].value)
    return found


def xml_terms(addon):
    terms = set()
    for path in (ADDONS / addon).glob("**/*.xml"):
        if "static" in path.parts:
            continue
        root = etree.parse(str(path)).getroot()
        for menu in root.iter("menuitem"):
            if menu.get("name"):
                terms.add(menu.get("name"))
        for arch in root.xpath("//field[@type='xml']") + root.xpath("//template"):
            for element in arch.iter():
                if not isinstance(element.tag, str):
                    continue
                terms.update(
                    element.get(attribute)
                    for attribute in XML_ATTRIBUTES
                    if element.get(attribute) and not element.get(attribute).isspace()
                )
    return terms


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_pot_holds_every_translatable_term(addon):
    pot = {
        normalise(term) for term in read_po(ADDONS / addon / "i18n" / f"{addon}.pot")
    }
    # Odoo exports no term of a single character (grades "A", "B", "C").
    source = {
        normalise(t) for t in python_terms(addon) | xml_terms(addon) if len(t) > 1
    }
    missing = sorted(term for term in source if term not in pot)
    assert not missing, f"{addon}: export i18n/{addon}.pot again; new terms: {missing}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_every_term_is_translated(addon, lang):
    pot = read_po(ADDONS / addon / "i18n" / f"{addon}.pot")
    po = read_po(ADDONS / addon / "i18n" / f"{lang}.po")
    untranslated = sorted(term for term in pot if not po.get(term, "").strip())
    assert not untranslated, f"{addon} {lang}: untranslated terms {untranslated}"
    broken = sorted(
        term
        for term in pot
        if sorted(PLACEHOLDER.findall(term)) != sorted(PLACEHOLDER.findall(po[term]))
    )
    assert not broken, f"{addon} {lang}: placeholders changed in {broken}"
    stale = sorted(set(po) - set(pot))
    assert not stale, f"{addon} {lang}: terms no longer in the .pot: {stale}"


@pytest.mark.parametrize("addon", ADDON_NAMES)
def test_catalogues_parse_as_odoo_reads_them(addon):
    """Odoo loads the catalogues with polib and reads each entry's module from
    its ``#. module:`` comment: a catalogue it cannot read is skipped with an
    ERROR, and the reader sees English."""
    polib = pytest.importorskip("polib")
    for path in sorted((ADDONS / addon / "i18n").glob("*.po*")):
        entries = polib.pofile(str(path))
        orphans = [
            entry.msgid
            for entry in entries
            if not re.match(r"modules?: \w+", entry.comment or "")
        ]
        assert not orphans, f"{path.name}: entries without '#. module:' {orphans}"
        # Odoo applies a term where an occurrence (#: code: or #: model:) says
        # it is used: an entry without one is never loaded.
        unused = [entry.msgid for entry in entries if not entry.occurrences]
        assert not unused, f"{path.name}: entries Odoo never loads {unused}"
