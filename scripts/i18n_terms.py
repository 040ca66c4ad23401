"""List an addon's terms missing from its .pot, or add terms with translations.

    python scripts/i18n_terms.py missing <addon>
    python scripts/i18n_terms.py add <addon> <terms.json>

terms.json maps each source term to its [zh_CN, zh_TW] translations. The terms
are appended to i18n/<addon>.pot, zh_CN.po and zh_TW.po in Odoo's export
format; terms already there are left alone. The term extraction is the one of
tests/test_translations.py, so what `missing` lists is what that test fails on.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_translations import (
    ADDONS,
    normalise,
    python_terms,
    read_po,
    xml_terms,
)

LANGS = ("zh_CN", "zh_TW")


def missing(addon):
    pot_file = ADDONS / addon / "i18n" / f"{addon}.pot"
    pot = {normalise(term) for term in read_po(pot_file)}
    source = {t for t in python_terms(addon) | xml_terms(addon) if len(t) > 1}
    return sorted(term for term in source if normalise(term) not in pot)


def _entry(addon, term, translation):
    return (
        f"\n#. module: {addon}\n"
        f"msgid {json.dumps(term, ensure_ascii=False)}\n"
        f"msgstr {json.dumps(translation, ensure_ascii=False)}\n"
    )


def add(addon, terms_file):
    terms = json.loads(Path(terms_file).read_text())
    folder = ADDONS / addon / "i18n"
    files = {None: folder / f"{addon}.pot"}
    files.update({lang: folder / f"{lang}.po" for lang in LANGS})
    for lang, path in files.items():
        known = read_po(path)
        new = [
            _entry(addon, term, "" if lang is None else pair[LANGS.index(lang)])
            for term, pair in terms.items()
            if term not in known
        ]
        with path.open("a", encoding="utf-8") as po:
            po.writelines(new)


if __name__ == "__main__":
    command, addon, *rest = sys.argv[1:]
    if command == "missing":
        print(json.dumps(missing(addon), ensure_ascii=False, indent=1))
    else:
        add(addon, *rest)
