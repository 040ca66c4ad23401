"""Every menu of the three apps opens for every role, as the web client opens it.

Each demo user walks each menu they see: the action is read, its views are
loaded, the first page is searched with the fields the views show, the first
record is opened in the form, graphs and pivots are grouped, and a dashboard's
panels are walked the same way. Once with only the user's default company
active (as after a login) and once with all of their companies. An access
error anywhere fails the test, naming the user, companies, menu and view.

It walks the demo group's people and records: the suite always runs on a
database with demo data (scripts/test.sh).
"""

from datetime import date

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval
from odoo.tools.safe_eval import time as safe_time

APP_ROOTS = (
    "key_account_service.key_account_service_menu_root",
    "courier_claims.courier_claims_menu_root",
    "cs_legal.cs_legal_menu_root",
)
ROLES = {
    "zhou.min": "regional manager, East China",
    "chen.jing": "account manager, Hangzhou",
    "sun.li": "customer-service manager",
    "he.fang": "finance",
    "xu.qing": "claims handler, Hangzhou",
    "ma.jun": "branch manager",
    "gao.yan": "legal officer",
}
WALKED_VIEWS = ("list", "kanban", "form", "calendar", "pivot", "graph")


def arch_fields(arch):
    """The fields a view shows at its own level (not those of sub-views)."""
    root = etree.fromstring(arch)
    return [
        node
        for node in root.iter("field")
        if not any(parent.tag == "field" for parent in node.iterancestors())
    ]


@tagged("post_install", "-at_install", "cs_legal")
class TestRoleWalk(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = cls.env["res.users"].search([("login", "in", list(ROLES))])
        if len(cls.users) != len(ROLES):
            raise AssertionError(
                "The role walk needs the demo data: install the addons with demo."
            )

    def _spec(self, model, nodes):
        spec = {}
        for node in nodes:
            field = model._fields.get(node.get("name"))
            if not field:
                continue
            # As the client: a many2one with its name, x2many tags with theirs,
            # other x2many fields as ids (their sub-views read the rest).
            named = field.type == "many2one" or "many2many" in (
                node.get("widget") or ""
            )
            spec[field.name] = {"fields": {"display_name": {}}} if named else {}
            # The client reads a monetary field's currency with it.
            currency = getattr(field, "currency_field", None)
            if field.type == "monetary" and currency in model._fields:
                spec[currency] = {"fields": {"display_name": {}}}
        return spec

    def _evaluation(self, env):
        """What the client evaluates actions' and panels' domains with."""
        return {
            "uid": env.uid,
            "allowed_company_ids": env.context["allowed_company_ids"],
            "active_id": False,
            "active_ids": [],
            "context_today": date.today,
            "relativedelta": relativedelta,
            "datetime": safe_datetime,
            "time": safe_time,
        }

    def _walk_action(self, env, action, where):
        if action._name != "ir.actions.act_window" or not action.res_model:
            return
        evaluation = self._evaluation(env)
        model = env[action.res_model].with_context(
            **safe_eval(action.context or "{}", evaluation)
        )
        domain = safe_eval(action.domain or "[]", evaluation)
        views = [(view_id or False, kind) for view_id, kind in action.views]
        self._walk_views(model, domain, views, where)

    def _walk_views(self, model, domain, views, where):
        """``views``: (view id or False, type) pairs, as an action has them."""
        wanted = [(view_id, kind) for view_id, kind in views if kind in WALKED_VIEWS]
        if any(kind in ("list", "kanban") for _id, kind in wanted) and not any(
            kind == "form" for _id, kind in wanted
        ):
            wanted.append((False, "form"))
        views = model.get_views(wanted)
        first = model.browse()
        # The form last: it opens the first record the other views found.
        for view_type, view in sorted(
            views["views"].items(), key=lambda item: item[0] == "form"
        ):
            nodes = arch_fields(view["arch"])
            at = f"{where}, {view_type} view"
            with self.subTest(at=at):
                if view_type in ("list", "kanban", "calendar"):
                    result = model.web_search_read(
                        domain, self._spec(model, nodes), limit=80
                    )
                    first = first or model.browse(
                        [row["id"] for row in result["records"][:1]]
                    )
                elif view_type in ("pivot", "graph"):
                    rows = [n.get("name") for n in nodes if n.get("type") != "measure"]
                    measures = [
                        f"{n.get('name')}:sum"
                        for n in nodes
                        if n.get("type") == "measure"
                    ]
                    model.read_group(domain, measures or ["__count"], rows[:1])
                elif view_type == "form":
                    if view["arch"].startswith("<form") and "<board" in view["arch"]:
                        self._walk_board(model, view["arch"], where)
                    elif first:
                        model.browse(first.ids).web_read(self._spec(model, nodes))

    def _walk_board(self, model, arch, where):
        for panel in etree.fromstring(arch).iter("action"):
            action = (
                model.env["ir.actions.act_window"].sudo().browse(int(panel.get("name")))
            )
            evaluation = self._evaluation(model.env)
            panel_model = model.env[action.res_model].with_context(
                **safe_eval(panel.get("context") or "{}", evaluation)
            )
            domain = safe_eval(panel.get("domain") or "[]", evaluation)
            view_mode = (panel.get("view_mode") or action.view_mode).split(",")
            self._walk_views(
                panel_model,
                domain,
                [(False, kind) for kind in view_mode],
                f"{where}, panel {action.name}",
            )

    def _walk(self, user, companies):
        env = self.env(
            user=user, context={"allowed_company_ids": companies.ids, "lang": "en_US"}
        )
        roots = self.env["ir.ui.menu"].browse(
            [self.env.ref(xmlid).id for xmlid in APP_ROOTS]
        )
        visible = env["ir.ui.menu"].browse(env["ir.ui.menu"]._visible_menu_ids())
        menus = env["ir.ui.menu"].search([("id", "child_of", roots.ids)]) & visible
        walked = 0
        for menu in menus.filtered("action"):
            action = menu.action.sudo()
            names = ", ".join(companies.mapped("name"))
            where = f"{user.login} ({names}): {menu.complete_name}"
            with self.subTest(at=where):
                self._walk_action(env, action, where)
                walked += 1
        return walked

    def test_every_menu_opens_for_every_role(self):
        for user in self.users:
            walked = self._walk(user, user.company_id)
            self.assertTrue(walked, f"{user.login} sees no menu of the apps")
            self._walk(user, user.company_ids)
