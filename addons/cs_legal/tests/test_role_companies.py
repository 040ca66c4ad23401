"""Work is where they look: each role sees the branches it serves after a login.

A login activates the user's default company only. The regional manager, the
customer-service manager, finance, the legal officer and the branch manager
serve several branches: their lists, activities and dashboards show the
records of every company they are allowed in, without ticking them in the
company switcher. Companies they are not allowed in stay out of sight, and a
record of an allowed company that is not the active one opens and moves.

It walks the demo group's people and records, as test_role_walk does.
"""

from lxml import etree

from odoo.exceptions import AccessError
from odoo.osv.expression import AND, OR
from odoo.tests import Form, TransactionCase, tagged
from odoo.tools.safe_eval import safe_eval

from .test_role_walk import arch_fields

# What each role works on, as demo logins: the models their lists show that
# the demo fills in more than one branch.
WORK = {
    "zhou.min": (
        "key.account.warning",
        "key.account.visit",
        "key.account.revenue",
        "key.account.service.kpi",
    ),
    "sun.li": (
        "key.account.warning",
        "key.account.visit",
        "key.account.revenue",
        "key.account.commission.statement",
        "key.account.commission.collection",
        "key.account.service.kpi",
    ),
    "he.fang": (
        "key.account.commission.statement",
        "key.account.commission.line",
        "key.account.commission.collection",
        "key.account.revenue",
    ),
    "gao.yan": (
        "legal.contract",
        "legal.signing.report",
        "legal.case",
    ),
    "ma.jun": (
        "courier.incident",
        "courier.complaint",
        "courier.monthly.report",
    ),
}
# Branch-only people: their one company is their default one.
BRANCH_ONLY = ("chen.jing", "xu.qing")


@tagged("post_install", "-at_install", "cs_legal")
class TestRoleCompanies(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        logins = list(WORK) + list(BRANCH_ONLY)
        cls.users = {
            user.login: user
            for user in cls.env["res.users"].search([("login", "in", logins)])
        }
        if len(cls.users) != len(logins):
            raise AssertionError("These tests walk the demo data: install with demo.")
        # Handing an activity to someone mails them: the demo people have no
        # address (browser walk, problem 3, another fix).
        for user in cls.users.values():
            user.partner_id.email = user.partner_id.email or f"{user.login}@example.com"

    def _as(self, login, companies=None):
        """``login``'s environment as after a login: the default company only."""
        user = self.users[login]
        companies = companies or user.company_id
        return self.env(
            user=user, context={"allowed_company_ids": companies.ids, "lang": "en_US"}
        )

    def _company_path(self, model):
        return (
            "statement_id.company_id"
            if model._name == ("key.account.commission.line")
            else "company_id"
        )

    def test_each_role_sees_the_branches_it_serves_after_login(self):
        for login, models in WORK.items():
            user = self.users[login]
            self.assertGreater(len(user.company_ids), 1, login)
            after_login = self._as(login)
            all_ticked = self._as(login, user.company_ids)
            for name in models:
                with self.subTest(user=login, model=name):
                    seen = after_login[name].search([])
                    # Exactly what ticking every company in the switcher showed.
                    self.assertEqual(
                        seen, all_ticked[name].search([]).with_env(after_login)
                    )
                    path = self._company_path(seen)
                    companies = seen.sudo().mapped(path)
                    self.assertLessEqual(companies, user.company_ids)
                    # ... and more than the default company's records alone.
                    self.assertTrue(
                        companies - user.company_id,
                        f"{login} sees no other branch's {name}",
                    )

    def test_demo_figures_show_without_ticking(self):
        """The browser walk's figures, seen with the default company only."""
        warnings = self._as("sun.li")["key.account.warning"]
        open_warnings = warnings.search([("state", "not in", ("recovered", "lost"))])
        expected = (
            self.env["key.account.warning"]
            .sudo()
            .search_count([("state", "not in", ("recovered", "lost"))])
        )
        self.assertEqual(len(open_warnings), expected)
        self.assertTrue(open_warnings)

        collections = self._as("he.fang")["key.account.commission.collection"]
        self.assertEqual(
            collections.search_count([]),
            self.env["key.account.commission.collection"]
            .sudo()
            .search_count(
                [("company_id", "in", self.users["he.fang"].company_ids.ids)]
            ),
        )

        gao = self.users["gao.yan"]
        reports = self._as("gao.yan")["legal.signing.report"].search([])
        self.assertEqual(
            reports.company_id, gao.company_ids & reports.sudo().company_id
        )
        self.assertIn(
            self.env.ref("key_account_service.demo_company_wenzhou"), reports.company_id
        )

    def test_companies_not_allowed_stay_hidden(self):
        for login in list(WORK) + list(BRANCH_ONLY):
            user = self.users[login]
            env = self._as(login)
            names = WORK.get(login) or (
                ("key.account.visit", "key.account.warning")
                if login == "chen.jing"
                else ("courier.incident", "courier.complaint")
            )
            for name in names:
                with self.subTest(user=login, model=name):
                    Model = env[name]
                    path = self._company_path(Model)
                    others = (
                        self.env[name]
                        .sudo()
                        .search([(path, "not in", user.company_ids.ids)])
                    )
                    if name == "courier.incident":
                        others = others.filtered(
                            lambda i, u=user: (
                                i.responsible_company_id not in u.company_ids
                            )
                        )
                    self.assertFalse(Model.search([("id", "in", others.ids)]))
                    if others:
                        with self.assertRaises(AccessError):
                            others[:1].with_env(env).check_access("read")

    def test_branch_only_people_see_what_they_saw(self):
        """One allowed company: nothing changes for account managers and handlers."""
        for login, names in (
            ("chen.jing", ("key.account.visit", "key.account.warning")),
            ("xu.qing", ("courier.incident", "courier.complaint")),
        ):
            user = self.users[login]
            self.assertEqual(user.company_ids, user.company_id)
            for name in names:
                with self.subTest(user=login, model=name):
                    seen = self._as(login)[name].search([]).sudo()
                    # an incident another branch registered shows to the
                    # branch it names responsible (a recovery is asked of it)
                    if name == "courier.incident":
                        seen = seen.filtered(
                            lambda i, u=user: i.responsible_company_id != u.company_id
                        )
                    self.assertLessEqual(seen.company_id, user.company_id, name)

    def test_a_record_of_another_allowed_company_opens_in_its_form(self):
        """The form of a record whose company is not the active one reads whole."""
        for login, models in WORK.items():
            env = self._as(login)
            for name in models:
                Model = env[name]
                path = self._company_path(Model)
                record = Model.search([(path, "!=", env.user.company_id.id)], limit=1)
                if not record:
                    continue
                with self.subTest(user=login, model=name):
                    view = Model.get_views([(False, "form")])["views"]["form"]
                    spec = {}
                    for node in arch_fields(view["arch"]):
                        field = Model._fields.get(node.get("name"))
                        if field:
                            spec[field.name] = (
                                {"fields": {"display_name": {}}}
                                if field.type == "many2one"
                                else {}
                            )
                    record.web_read(spec)

    def test_work_of_another_allowed_company_moves_without_ticking_it(self):
        """Each role decides on a branch's record with the default company active."""
        hangzhou = self.env.ref("key_account_service.demo_company_hangzhou")
        wenzhou = self.env.ref("key_account_service.demo_company_wenzhou")
        Warning = self.env["key.account.warning"]

        # The regional manager (HQ active) closes a Hangzhou warning.
        zhou = self._as("zhou.min")
        warning = Warning.search(
            [("company_id", "=", hangzhou.id), ("state", "=", "open")], limit=1
        ).with_env(zhou)
        warning.close_note = "Called the buyer; volumes are back."
        warning.action_close_recovered()
        self.assertEqual(warning.state, "recovered")

        # An account manager hands a customer over; the regional manager,
        # with HQ active, approves it.
        chen = self._as("chen.jing")
        customer = self.env["res.partner"].create(
            {"name": "Lakeside Tea Co.", "is_company": True}
        )
        handover = chen["key.account.handover"].create(
            {
                "partner_id": customer.id,
                "company_id": hangzhou.id,
                "approver_id": zhou.uid,
                "account_manager_id": chen.uid,
                "monthly_revenue": 60000,
            }
        )
        handover.action_submit()
        self.assertIn(handover.with_env(zhou), zhou["key.account.handover"].search([]))
        # Her activity menu lists it under Handovers, not "Other activities".
        menu = {
            group["model"]: group
            for group in zhou.user.with_env(zhou)._get_activity_groups()
        }
        self.assertIn("key.account.handover", menu)
        self.assertNotIn("mail.activity", menu)
        handover.with_env(zhou).action_approve()
        self.assertTrue(customer.is_key_account)

        # The customer-service manager (HQ active) approves a branch's statement.
        sun = self._as("sun.li")
        Statement = self.env["key.account.commission.statement"]
        confirmed = Statement.search([("state", "=", "confirmed")], limit=1)
        self.assertNotEqual(confirmed.company_id, sun.user.company_id)
        confirmed.with_env(sun).action_approve()
        self.assertEqual(confirmed.state, "approved")

        # Finance (HQ active) exports a Wenzhou statement to payroll.
        he = self._as("he.fang")
        approved = Statement.search(
            [("state", "=", "approved"), ("company_id", "=", wenzhou.id)], limit=1
        )
        he["key.account.commission.export"].create(
            {"statement_ids": [(6, 0, approved.ids)]}
        ).action_export()
        self.assertEqual(approved.state, "exported")

        # The legal officer (Hangzhou active) approves a Wenzhou contract review.
        gao = self._as("gao.yan")
        contract = self.env["legal.contract"].search(
            [("company_id", "=", wenzhou.id), ("state", "=", "review")], limit=1
        )
        contract.with_env(gao).action_approve_review()
        self.assertEqual(contract.state, "reviewed")

    def _opened(self, env, xmlid):
        """The records ``xmlid`` opens on, with its default filters, and its env.

        Filters of the same group are OR-ed and groups AND-ed, as the client
        does; group-by filters only group.
        """
        action = self.env.ref(xmlid)
        context = safe_eval(action.context or "{}", {"uid": env.uid})
        Model = env[action.res_model]
        arch = Model.get_views([(action.search_view_id.id, "search")])["views"][
            "search"
        ]["arch"]
        groups, current = [], []
        for node in etree.fromstring(arch):
            if node.tag == "separator" or node.tag == "group":
                groups.append(current)
                current = []
            elif (
                node.tag == "filter"
                and node.get("domain")
                and context.get(f"search_default_{node.get('name')}")
            ):
                current.append(safe_eval(node.get("domain"), {"uid": env.uid}))
        groups.append(current)
        domain = AND(
            [safe_eval(action.domain or "[]", {"uid": env.uid})]
            + [OR(group) for group in groups if group]
        )
        return Model.search(domain)

    def test_key_accounts_open_on_the_accounts_one_serves(self):
        Partner = self.env["res.partner"]
        xmlid = "key_account_service.res_partner_action_key_account"
        chen = self._as("chen.jing")
        self.assertEqual(
            self._opened(chen, xmlid),
            Partner.search(
                [
                    ("is_key_account", "=", True),
                    ("key_account_manager_id", "=", chen.uid),
                ]
            ).with_env(chen),
        )
        self.assertTrue(self._opened(chen, xmlid))
        # The regional manager: the region's branches, not Shenzhen's.
        zhou = self._as("zhou.min")
        east = self.env.ref("key_account_service.key_account_region_demo_east")
        opened = self._opened(zhou, xmlid)
        self.assertEqual(
            opened,
            Partner.search(
                [
                    ("is_key_account", "=", True),
                    "|",
                    ("key_account_manager_id", "=", zhou.uid),
                    ("key_account_company_id", "in", east.branch_ids.ids),
                ]
            ).with_env(zhou),
        )
        self.assertLessEqual(east.branch_ids, opened.key_account_company_id)
        # The customer-service manager: every account of her companies.
        sun = self._as("sun.li")
        self.assertEqual(
            len(self._opened(sun, xmlid)),
            Partner.search_count(
                [
                    ("is_key_account", "=", True),
                    ("key_account_company_id", "in", sun.user.company_ids.ids),
                ]
            ),
        )

    def test_collections_open_on_what_finance_matches(self):
        he = self._as("he.fang")
        xmlid = "key_account_service.key_account_commission_collection_action"
        Collection = he["key.account.commission.collection"]
        opened = self._opened(he, xmlid)
        before = Collection.search([("before_commissions", "=", True)])
        self.assertTrue(before, "the demo has collections from before commissions")
        self.assertFalse(opened & before)
        self.assertEqual(opened | before, Collection.search([]))
        self.assertGreater(
            len(opened.filtered(lambda r: r.status != "unmatched")),
            len(opened.filtered(lambda r: r.status == "unmatched")),
        )
        # A group's age is its rows' average, not their sum of days.
        for group in Collection.read_group([], ["age"], ["status"]):
            rows = Collection.search(group["__domain"])
            self.assertAlmostEqual(
                group["age"], sum(rows.mapped("age")) / len(rows), delta=1
            )

    def test_a_contact_recorded_from_headquarters_belongs_to_the_branch(self):
        """The regional manager, HQ active, records a visit to a Wenzhou account."""
        zhou = self._as("zhou.min")
        wenzhou = self.env.ref("key_account_service.demo_company_wenzhou")
        account = self.env["res.partner"].search(
            [
                ("is_key_account", "=", True),
                ("key_account_company_id", "=", wenzhou.id),
            ],
            limit=1,
        )
        with Form(zhou["key.account.visit"]) as form:
            form.partner_id = account.with_env(zhou)
            form.contact_type_id = self.env.ref(
                "key_account_service.key_account_contact_type_phone"
            )
            form.date_planned = "2026-12-15"
        self.assertEqual(form.record.company_id, wenzhou)
        self.assertIn(form.record, zhou["key.account.visit"].search([]))
