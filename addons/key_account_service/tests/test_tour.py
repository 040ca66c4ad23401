from datetime import timedelta

from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


@tagged("post_install", "-at_install", "key_account_service")
class TestKeyAccountTour(HttpCase):
    def test_region_tour(self):
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        headquarters = env.ref("base.main_company")
        branch = env["res.company"].create(
            {"name": "Tour Branch tour_hq_csm", "parent_id": headquarters.id}
        )
        # A customer-service manager at headquarters, with its branch.
        new_test_user(
            env,
            login="tour_hq_csm",
            groups="key_account_service.key_account_service_group_manager",
            company_id=headquarters.id,
            company_ids=[(6, 0, (headquarters | branch).ids)],
        )
        self.start_tour("/odoo", "key_account_region_tour", login="tour_hq_csm")
        region = self.env["key.account.region"].search(
            [("name", "=", "Tour Region South")]
        )
        self.assertEqual(len(region), 1)
        self.assertEqual(region.company_id, headquarters)

    def test_approval_tour(self):
        """The approver sees the waiting handover counted in the systray,
        opens it from the list and approves it: the counter goes."""
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        branch, sales = self._branch_account_manager(env, "tour_approval_sales")
        approver = new_test_user(
            env,
            login="tour_approval_manager",
            groups="key_account_service.key_account_service_group_user",
            company_id=branch.id,
            company_ids=[(6, 0, branch.ids)],
        )
        customer = env["res.partner"].create(
            {"name": "Tour Approval Co.", "is_company": True}
        )
        handover = (
            env["key.account.handover"]
            .with_user(sales)
            .create(
                {
                    "partner_id": customer.id,
                    "company_id": branch.id,
                    "approver_id": approver.id,
                    "account_manager_id": sales.id,
                    "monthly_revenue": 30000,
                }
            )
        )
        handover.action_submit()
        self.start_tour("/odoo", "key_account_approval_tour", login=approver.login)
        self.assertEqual(handover.state, "approved")

    def _branch_account_manager(self, env, login):
        """An account manager whose only company is a branch of headquarters,
        as account managers are: the tour runs with his companies alone."""
        branch = env["res.company"].create(
            {
                "name": f"Tour Branch {login}",
                "parent_id": env.ref("base.main_company").id,
            }
        )
        user = new_test_user(
            env,
            login=login,
            groups="key_account_service.key_account_service_group_user",
            company_id=branch.id,
            company_ids=[(6, 0, branch.ids)],
        )
        return branch, user

    def test_visit_tour(self):
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        branch, manager = self._branch_account_manager(env, "tour_branch_am")
        today = env.cr.now().date()
        partner = env["res.partner"].create(
            {
                "name": "Tour Logistics Co.",
                "is_company": True,
                "is_key_account": True,
                "key_account_manager_id": manager.id,
                "key_account_company_id": branch.id,
                "key_account_start_date": today.replace(day=1),
                "key_account_band_id": env.ref(
                    "key_account_service.key_account_band_cadence_3"
                ).id,
            }
        )
        env["key.account.visit"]._plan_partners(partner, [today.replace(day=1)])
        # due today: on his day
        env["key.account.visit"].create(
            {
                "partner_id": partner.id,
                "company_id": branch.id,
                "user_id": manager.id,
                "contact_type_id": env.ref(
                    "key_account_service.key_account_contact_type_written"
                ).id,
                "date_planned": today,
            }
        )
        self.start_tour("/odoo", "key_account_visit_tour", login="tour_branch_am")
        meeting = partner.key_account_visit_ids.filtered(
            lambda v: (
                v.contact_type_id.name == "Institutional Meeting" and v.state == "done"
            )
        )
        self.assertEqual(len(meeting), 1)
        self.assertEqual(meeting.contact_name, "Mr Wang, logistics director")
        self.assertIn("earlier pickups", meeting.report)
        self.assertFalse(meeting.activity_ids)

    def test_my_day_is_the_account_managers_home(self):
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        branch, manager = self._branch_account_manager(env, "tour_home_am")
        manager.action_id = env.ref("key_account_service.key_account_my_day_action").id
        partner = env["res.partner"].create(
            {
                "name": "Home Freight Co.",
                "is_company": True,
                "is_key_account": True,
                "key_account_manager_id": manager.id,
                "key_account_company_id": branch.id,
            }
        )
        env["key.account.visit"].create(
            {
                "partner_id": partner.id,
                "company_id": branch.id,
                "user_id": manager.id,
                "contact_type_id": env.ref(
                    "key_account_service.key_account_contact_type_phone"
                ).id,
                "date_planned": env.cr.now().date(),
            }
        )
        self.start_tour("/odoo", "key_account_my_day_tour", login="tour_home_am")

    def test_warning_tour(self):
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        company = env.ref("base.user_admin").company_id
        regional = new_test_user(
            env,
            login="tour_regional",
            groups="key_account_service.key_account_service_group_user",
            company_id=company.id,
        )
        region = env["key.account.region"].create(
            {"name": "Tour Region", "company_id": company.id, "manager_id": regional.id}
        )
        company.key_account_region_id = region
        partner = env["res.partner"].create(
            {
                "name": "Tour Express Co.",
                "is_company": True,
                "is_key_account": True,
                "key_account_company_id": company.id,
                "key_account_manager_id": env.ref("base.user_admin").id,
            }
        )
        case = env["key.account.warning"].open_case(partner, "revenue_drop", "serious")
        self.assertEqual(case.activity_ids.user_id, regional)
        self.start_tour("/odoo", "key_account_warning_tour", login="tour_regional")
        self.assertEqual(case.state, "recovered")
        self.assertEqual(case.close_note, "Volumes are back since the new pickup slot.")
        self.assertTrue(
            case.message_ids.filtered(
                lambda m: "recovery plan is agreed" in (m.body or "")
            )
        )
        self.assertFalse(case.activity_ids)

    def test_commission_tour(self):
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        company = env.ref("base.user_admin").company_id
        users = {
            role: new_test_user(
                env,
                login=f"tour_{role}",
                groups=f"key_account_service.key_account_service_group_{role}",
                company_id=company.id,
            )
            for role in ("user", "manager")
        }
        today = env.cr.now().date()
        env["res.partner"].create(
            {
                "name": "Tour Commission Co.",
                "is_company": True,
                "is_key_account": True,
                "key_account_company_id": company.id,
                "key_account_manager_id": users["user"].id,
                "key_account_start_date": today.replace(year=today.year - 1),
            }
        )
        month = today.replace(day=1)
        statement = env["key.account.commission.generator"]._generate(month, company)
        env["key.account.commission.line"].create(
            {
                "statement_id": statement.id,
                "note": "Q1 national account win",
                "commission": 150.0,
            }
        )
        self.start_tour(
            "/odoo", "key_account_commission_confirm_tour", login="tour_user"
        )
        self.assertEqual(statement.state, "confirmed")
        self.assertEqual(statement.confirmed_by_id, users["user"])
        self.start_tour(
            "/odoo", "key_account_commission_approve_tour", login="tour_manager"
        )
        self.assertRecordValues(
            statement,
            [
                {
                    "state": "approved",
                    "approved_by_id": users["manager"].id,
                    "commission": 150.0,
                }
            ],
        )

    def test_dashboard_tour(self):
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        branch, manager = self._branch_account_manager(env, "tour_dash_am")
        partner = env["res.partner"].create(
            {
                "name": "Dash Express Co.",
                "is_company": True,
                "is_key_account": True,
                "key_account_company_id": branch.id,
                "key_account_manager_id": manager.id,
                "key_account_band_id": env.ref(
                    "key_account_service.key_account_band_cadence_2"
                ).id,
            }
        )
        case = env["key.account.warning"].open_case(partner, "revenue_drop", "warning")
        # last month: two contacts done on time, one missed
        last_month = (env.cr.now().date().replace(day=1) - timedelta(days=1)).replace(
            day=5
        )
        env["key.account.visit"].create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": branch.id,
                    "user_id": manager.id,
                    "contact_type_id": env.ref(
                        "key_account_service.key_account_contact_type_phone"
                    ).id,
                    "date_planned": last_month,
                    "state": state,
                    "date_done": last_month if state == "done" else False,
                }
                for state in ("done", "done", "missed")
            ]
        )
        # the service rates panel has a month to show: its pivot reads its rows
        # once it has its total
        env["key.account.service.kpi"]._record(
            partner, last_month, shipments=100, orders_on_time=95, deliveries_on_time=90
        )
        self.start_tour("/odoo", "key_account_dashboard_tour", login="tour_dash_am")
        self.assertEqual(case.state, "open")


@tagged("post_install", "-at_install", "key_account_service")
class TestSatisfactionTour(HttpCase):
    def test_satisfaction_tour(self):
        """A CS manager launches a campaign, the contact answers on the public
        survey page, the account manager sees the score on the account and
        records the return visit."""
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        hq = env["res.company"].create({"name": "Tour Survey HQ"})
        branch = env["res.company"].create(
            {"name": "Tour Survey Branch", "parent_id": hq.id}
        )
        companies = [(6, 0, (hq | branch).ids)]
        new_test_user(
            env,
            login="tour_survey_csm",
            groups="key_account_service.key_account_service_group_manager",
            company_id=hq.id,
            company_ids=companies,
        )
        manager = new_test_user(
            env,
            login="tour_survey_am",
            groups="key_account_service.key_account_service_group_user",
            company_id=branch.id,
            company_ids=[(6, 0, branch.ids)],
        )
        account = env["res.partner"].create(
            {
                "name": "Tour Survey Co.",
                "is_company": True,
                "is_key_account": True,
                "key_account_company_id": branch.id,
                "key_account_manager_id": manager.id,
            }
        )
        contact = env["res.partner"].create(
            {"name": "Tour Buyer", "parent_id": account.id, "email": "buyer@tour.cn"}
        )
        self.start_tour(
            "/odoo", "key_account_survey_campaign_tour", login="tour_survey_csm"
        )
        answer = env["survey.user_input"].search([("partner_id", "=", contact.id)])
        self.assertEqual(len(answer), 1)
        self.start_tour(answer.get_start_url(), "key_account_survey_answer_tour")
        answer.invalidate_recordset()
        self.assertEqual(answer.state, "done")
        self.assertEqual(answer.scoring_percentage, 60.0)
        callback = env["key.account.visit"].search(
            [("partner_id", "=", account.id), ("source", "=", "callback")]
        )
        self.assertEqual(callback.user_id, manager)
        self.start_tour(
            "/odoo", "key_account_survey_callback_tour", login="tour_survey_am"
        )
        self.assertEqual(callback.state, "done")
        self.assertEqual(callback.problem_solved, "solved")
