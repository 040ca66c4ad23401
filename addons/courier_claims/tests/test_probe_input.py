"""Probe L3 (ACCEPTED-INVALID rows): negative compensation, impossible dates."""

from datetime import datetime, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ClaimsCommon


@tagged("post_install", "-at_install", "courier_claims", "probe")
class TestProbeClaimsInput(ClaimsCommon):
    def test_l3_negative_amounts_are_refused(self):
        """L3 (rows 496, 515): no negative claimed or assessed compensation."""
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._incident(amount=-100)
        incident = self._incident(amount=100)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            incident.with_user(self.handler).write({"assessed_amount": -5000})
        self.assertEqual(incident.compensation, 100)

    def test_l3_incident_dates_out_of_range_are_refused(self):
        """L3 (row 506): incident dates before 2000 or over a year ahead."""
        ahead = datetime.now() + timedelta(days=400)
        for when in ("0001-01-01 00:00:00", "1999-12-31 23:00:00", ahead):
            with (
                self.subTest(when=when),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                self._incident(incident_date=when)
        self._incident(incident_date="2000-01-02 00:00:00")

    def test_l3_complaint_received_out_of_range_is_refused(self):
        """L3: a complaint received in year 1 or two years ahead is refused."""
        Complaint = self.env["courier.complaint"].with_user(self.handler)
        vals = {
            "partner_id": self.customer.id,
            "company_id": self.branch.id,
            "category_id": self.env.ref(
                "courier_claims.courier_complaint_category_delay"
            ).id,
            "description": "Parcel late",
        }
        for when in ("0001-01-01 00:00:00", datetime.now() + timedelta(days=800)):
            with (
                self.subTest(when=when),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                Complaint.create({**vals, "received": when})
