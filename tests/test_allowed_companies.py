"""Record rules on the allowed companies: the migration of shipped rules."""

import re
from pathlib import Path

import pytest
from addon_files import load_tool

allowed = load_tool("key_account_service", "allowed_companies")
ADDONS = Path(__file__).resolve().parent.parent / "addons"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "[('company_id', 'in', company_ids)]",
            "[('company_id', 'in', user.company_ids.ids)]",
        ),
        (
            "['|', ('id', '=', 1), ('branch_ids', 'in', company_ids)]",
            "['|', ('id', '=', 1), ('branch_ids', 'in', user.company_ids.ids)]",
        ),
        (
            "[('company_id', 'parent_of', company_ids)]",
            "[('company_id', 'parent_of', user.company_ids.ids)]",
        ),
        # Already on the allowed companies, or a field named so: unchanged.
        (
            "[('company_id', 'in', user.company_ids.ids)]",
            "[('company_id', 'in', user.company_ids.ids)]",
        ),
        ("[('company_ids', 'in', [1])]", "[('company_ids', 'in', [1])]"),
        ("[('company_id', 'child_of', user.company_id.id)]", None),
    ],
)
def test_rules_move_to_the_allowed_companies(before, after):
    assert allowed.on_allowed_companies(before) == (after or before)


def test_no_shipped_rule_reads_the_ticked_companies():
    """New rules follow the allowed companies too (readme/CONFIGURE.md)."""
    for path in ADDONS.glob("*/security/*.xml"):
        for domain in re.findall(
            r'<field name="domain_force">(.*?)</field>', path.read_text(), re.DOTALL
        ):
            assert allowed.on_allowed_companies(domain) == domain, (path, domain)
