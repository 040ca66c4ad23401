"""Probe M3: an incident stays in its branch."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims", "probe")
class TestProbeIncidentBranch(ClaimsCommon):
    def test_m3_incident_stays_in_its_branch(self):
        """M3 (row 399): a handler cannot push an incident to another branch."""
        incident = self._incident(amount=400)
        with self.assertRaises(UserError):
            incident.with_user(self.handler).write({"company_id": self.other_branch.id})
        self.assertEqual(incident.company_id, self.branch)
        # Misfiled at registration: moved to the HQ the handler works for too.
        incident.with_user(self.handler).write({"company_id": self.hq.id})
        self.assertEqual(incident.company_id, self.hq)
        # Not once it waits for approval: the approvals are the branch's.
        incident.with_user(self.handler).write({"company_id": self.branch.id})
        self._to_approval(incident)
        with self.assertRaises(UserError):
            incident.with_user(self.handler).write({"company_id": self.hq.id})
