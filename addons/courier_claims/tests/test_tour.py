from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


@tagged("post_install", "-at_install", "courier_claims")
class TestClaimsTour(HttpCase):
    def _branch_user(self, env, login, role):
        """A claims user whose only company is a branch of headquarters."""
        branch = env["res.company"].create(
            {
                "name": f"Tour Branch {login}",
                "parent_id": env.ref("base.main_company").id,
            }
        )
        new_test_user(
            env,
            login=login,
            groups=f"courier_claims.courier_claims_group_{role}",
            company_id=branch.id,
            company_ids=[(6, 0, branch.ids)],
        )
        return branch

    def test_complaint_category_tour(self):
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        self._branch_user(env, "tour_claims_csm", "manager")
        self.start_tour(
            "/odoo", "courier_complaint_category_tour", login="tour_claims_csm"
        )
        category = self.env.ref("courier_claims.courier_complaint_category_no_feedback")
        self.assertEqual(category.name, "No Feedback Given")
        self.assertEqual(category.department, "supervision")

    def test_incident_tour(self):
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        company = env.ref("base.user_admin").company_id
        for login, role in (
            ("tour_claims_handler", "user"),
            ("tour_claims_branch_manager", "branch_manager"),
        ):
            new_test_user(
                env,
                login=login,
                groups=f"courier_claims.courier_claims_group_{role}",
                company_id=company.id,
            )
        env["res.partner"].create({"name": "Tour Ceramics Co.", "is_company": True})
        self.start_tour(
            "/odoo", "courier_incident_register_tour", login="tour_claims_handler"
        )
        incident = env["courier.incident"].search([("waybill", "=", "ZT20261122")])
        self.assertRecordValues(
            incident,
            [
                {
                    "state": "awaiting_approval",
                    "kind": "damage",
                    "claimed_amount": 800.0,
                    "severity": "general",
                    "event_place": "Suzhou hub, dock 3",
                    "pieces": 2,
                    "weight": 12.5,
                }
            ],
        )
        self.assertIn(
            "photos taken",
            " ".join(incident.message_ids.mapped("body")),
        )
        self.start_tour(
            "/odoo", "courier_incident_approve_tour", login="tour_claims_branch_manager"
        )
        self.assertEqual(incident.state, "approved")
        self.assertEqual(
            incident.approval_ids.user_id.login, "tour_claims_branch_manager"
        )
        html = (
            env["ir.actions.report"]
            ._render_qweb_html("courier_claims.report_incident_voucher", incident.ids)[
                0
            ]
            .decode()
        )
        self.assertIn("ZT20261122", html)

    def test_dashboard_tour(self):
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        company = self._branch_user(env, "tour_dash_handler", "user")
        customer = env["res.partner"].create(
            {"name": "Dash Complaint Co.", "is_company": True}
        )
        env["courier.incident"].create(
            {
                "partner_id": customer.id,
                "company_id": company.id,
                "waybill": "SF20261101",
                "kind": "damage",
                "claimed_amount": 600.0,
            }
        )
        complaint = env["courier.complaint"].create(
            {
                "kind": "complaint",
                "partner_id": customer.id,
                "company_id": company.id,
                "description": "Parcel left at the gate.",
                "category_id": env.ref(
                    "courier_claims.courier_complaint_category_delay"
                ).id,
            }
        )
        self.start_tour(
            "/odoo", "courier_claims_dashboard_tour", login="tour_dash_handler"
        )
        self.assertEqual(complaint.state, "open")

    def test_recovery_tour(self):
        """A handler registers an incident the Wuxi branch bears and raises the
        recovery once approved; Wuxi's CS manager accepts it in Wuxi."""
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        main = env.ref("base.main_company")
        Company = env["res.company"]
        paying = Company.create({"name": "Tour Recovery Suzhou", "parent_id": main.id})
        wuxi = Company.create({"name": "Tour Recovery Wuxi", "parent_id": main.id})
        users = {
            login: new_test_user(
                env,
                login=login,
                groups=f"courier_claims.courier_claims_group_{role}",
                company_id=company.id,
                company_ids=[(6, 0, company.ids)],
            )
            for login, role, company in (
                ("tour_rec_handler", "user", paying),
                ("tour_rec_gm", "general_manager", paying),
                ("tour_rec_wuxi_cs", "manager", wuxi),
            )
        }
        env["res.partner"].create(
            {"name": "Tour Recovery Textiles Co.", "is_company": True}
        )
        self.start_tour(
            "/odoo", "courier_recovery_register_tour", login="tour_rec_handler"
        )
        incident = env["courier.incident"].search([("waybill", "=", "ZT20261201")])
        self.assertRecordValues(
            incident,
            [
                {
                    "company_id": paying.id,
                    "state": "awaiting_approval",
                    "responsible_company_id": wuxi.id,
                    "cross_branch": True,
                    "allocation_state": "to_approve",
                    "event_place": "Wuxi hub, belt 2",
                    "pieces": 3,
                    "first_loss_estimate": 1200.0,
                }
            ],
        )
        gm = users["tour_rec_gm"]
        incident.with_user(gm).action_approve()
        incident.with_user(gm).action_approve_allocation()
        self.start_tour(
            "/odoo", "courier_recovery_raise_tour", login="tour_rec_handler"
        )
        recovery = incident.recovery_ids
        self.assertRecordValues(
            recovery,
            [
                {
                    "state": "sent",
                    "responsible_company_id": wuxi.id,
                    "amount": 1200.0,
                }
            ],
        )
        self.start_tour(
            "/odoo", "courier_recovery_accept_tour", login="tour_rec_wuxi_cs"
        )
        self.assertRecordValues(
            recovery, [{"state": "accepted", "settled_amount": 1200.0}]
        )
