"""Keep an addon's catalogues in step with the source.

    python scripts/i18n_terms.py missing <addon>
    python scripts/i18n_terms.py sync <addon> <exported.pot> [<terms.json>]

`missing` lists the terms tests/test_translations.py would fail on (the same
extraction). `sync` takes a template Odoo exported from a database with the
addon installed (`odoo-bin -d DB --i18n-export=exported.pot --modules=<addon>`)
and makes it the addon's .pot, then rebuilds zh_CN.po and zh_TW.po on it with
the translations they already have; terms.json gives the new ones as
`{term: [zh_CN, zh_TW]}`. Odoo's export writes each entry's module and where
the term is used (`#: code:` / `#: model:`): Odoo loads no entry without them.
"""

import copy
import json
import sys
from pathlib import Path

import polib

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


def sync(addon, exported, terms_file=None):
    new_terms = json.loads(Path(terms_file).read_text()) if terms_file else {}
    folder = ADDONS / addon / "i18n"
    template = polib.pofile(exported, wrapwidth=78)
    kept = polib.pofile(str(folder / f"{addon}.pot"))
    template.header, template.metadata = kept.header, kept.metadata
    template.save(str(folder / f"{addon}.pot"))
    untranslated = []
    for index, lang in enumerate(LANGS):
        old = polib.pofile(str(folder / f"{lang}.po"))
        known = {entry.msgid: entry.msgstr for entry in old}
        catalogue = polib.POFile(wrapwidth=78)
        catalogue.header, catalogue.metadata = old.header, old.metadata
        for entry in template:
            translated = copy.deepcopy(entry)
            translated.msgstr = (
                known.get(entry.msgid)
                or new_terms.get(entry.msgid, [""] * len(LANGS))[index]
            )
            if not translated.msgstr:
                untranslated.append(f"{lang}: {entry.msgid}")
            catalogue.append(translated)
        catalogue.save(str(folder / f"{lang}.po"))
    return untranslated


if __name__ == "__main__":
    command, addon, *rest = sys.argv[1:]
    if command == "missing":
        print(json.dumps(missing(addon), ensure_ascii=False, indent=1))
    else:
        print("\n".join(sync(addon, *rest)))
