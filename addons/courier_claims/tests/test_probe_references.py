"""Probe L4: incident references come from the sequence alone."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims", "probe")
class TestProbeIncidentReference(ClaimsCommon):
    def test_l4_incident_reference_comes_from_the_sequence(self):
        """L4 (rows 494-495): no duplicate INC/ reference, no renaming."""
        first = self._incident()
        second = self._incident(name=first.name)
        self.assertNotEqual(second.name, first.name)
        with self.assertRaises(UserError):
            second.with_user(self.handler).write({"name": "INC/2026/00002"})
        self.assertNotEqual(second.name, "INC/2026/00002")
