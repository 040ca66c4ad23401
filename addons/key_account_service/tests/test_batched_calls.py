"""The route that answers a board's panels in one request."""

from unittest.mock import patch

from odoo.http import Request
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ConfidentialPathsCase, KeyAccountServiceCommon

ROUTE = "/key_account_service/call_kw_batch"


@tagged("post_install", "-at_install", "key_account_service", "security")
class TestBatchedCalls(KeyAccountServiceCommon, ConfidentialPathsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._key_account("Batch Mine Co.", 60000)
        cls.others = cls._key_account(
            "Batch Other Co.", 60000, manager=cls.cs_manager, company=cls.hq
        )
        cls.env["key.account.warning"].create(
            [
                {
                    "partner_id": partner.id,
                    "reason": "revenue_drop",
                    "level": "warning",
                    "company_id": partner.key_account_company_id.id,
                }
                for partner in cls.mine | cls.others
            ]
        )
        cls.archive = cls.env["key.account.archive"].create(
            {
                "partner_id": cls.mine.id,
                "company_id": cls.branch.id,
                "contacts": "SECRET Mr Qian",
            }
        )

    def _batch(self, calls):
        """The answers, and whether Odoo served the request read-only."""
        modes = []
        transactioning = Request._transactioning

        def spy(request, func, readonly):
            modes.append(readonly)
            return transactioning(request, func, readonly)

        with patch.object(Request, "_transactioning", spy):
            answers = self.make_jsonrpc_request(ROUTE, {"calls": calls})
        return answers, modes[-1]

    @staticmethod
    def _call(model, method, args=(), **kwargs):
        return {"model": model, "method": method, "args": list(args), "kwargs": kwargs}

    def test_each_call_answered_as_call_kw_answers_it(self):
        """The dashboard's reads, in one read-only request: each answer is
        the one call_kw gives, with the same record rules."""
        self.authenticate("ka_user", "ka_user")
        calls = [
            self._call(
                "key.account.warning",
                "web_search_read",
                domain=[("state", "=", "open")],
                specification={"partner_id": {"fields": {"display_name": {}}}},
            ),
            self._call(
                "res.partner",
                "web_read_group",
                domain=[("is_key_account", "=", True)],
                fields=["__count"],
                groupby=["key_account_manager_id"],
                lazy=False,
            ),
            self._call("key.account.revenue", "search_count", [[]]),
        ]
        answers, readonly = self._batch(calls)
        self.assertTrue(readonly, "only reads: served by a replica when there is one")
        self.assertEqual(
            answers,
            [
                {"result": self._call_kw(c["model"], c["method"], [], **c["kwargs"])}
                if not c["args"]
                else {"result": self._call_kw(c["model"], c["method"], c["args"])}
                for c in calls
            ],
        )
        warnings = answers[0]["result"]["records"]
        self.assertEqual(
            [w["partner_id"]["display_name"] for w in warnings], ["Batch Mine Co."]
        )
        self.assertEqual(answers[2]["result"], 3, "the rule shows the own account only")

    def test_a_refused_call_is_refused_alone(self):
        """A private method or a model out of the role's reach fails that call
        only: the panels around it still get their data."""
        self.authenticate("ka_user", "ka_user")
        with mute_logger("odoo.addons.key_account_service.controllers.dataset"):
            answers, _readonly = self._batch(
                [
                    self._call(
                        "res.partner", "_compute_display_name", [[self.mine.id]]
                    ),
                    self._call("ir.config_parameter", "search_read", [[]]),
                    self._call("no.such.model", "search", [[]]),
                    self._call(
                        "res.partner", "search_count", [[("id", "=", self.mine.id)]]
                    ),
                ]
            )
        self.assertEqual(
            [a.get("error", {}).get("data", {}).get("name") for a in answers],
            [
                "odoo.exceptions.AccessError",
                "odoo.exceptions.AccessError",
                "builtins.KeyError",
                None,
            ],
        )
        self.assertIn("Private methods", answers[0]["error"]["data"]["message"])
        self.assertEqual(answers[3], {"result": 1})

    def test_an_archive_read_is_logged_on_a_read_write_cursor(self):
        """A batched read of a confidential archive's content logs like any
        other read: the request runs read/write (no failed read-only try
        first). Its name alone, as beside a loan, is no access: read-only."""
        self.authenticate("ka_user", "ka_user")
        name_only = self._call(
            "key.account.archive",
            "web_search_read",
            domain=[("id", "=", self.archive.id)],
            specification={"display_name": {}, "partner_id": {"fields": {}}},
        )
        answers, readonly = self._batch([name_only])
        self.assertTrue(readonly)
        self.assertEqual(answers[0]["result"]["length"], 1)
        self.assertFalse(self._logs(self.archive))
        with self.assertNoLogs("odoo.http", "WARNING"):
            answers, readonly = self._batch(
                [
                    name_only,
                    self._call(
                        "key.account.archive",
                        "web_read",
                        [[self.archive.id]],
                        specification={"contacts": {}},
                    ),
                ]
            )
        self.assertFalse(readonly)
        self.assertEqual(answers[1]["result"][0]["contacts"], "SECRET Mr Qian")
        self.assertEqual(self._logs(self.archive).mapped("how"), ["view"])

    def test_a_write_is_not_batched(self):
        """Only reads go together: a write in a batch is refused, and nothing
        of it is written."""
        self.authenticate("ka_manager", "ka_manager")
        with mute_logger("odoo.addons.key_account_service.controllers.dataset"):
            answers, readonly = self._batch(
                [
                    self._call(
                        "res.users",
                        "write",
                        [[self.cs_manager.id], {"signature": "<p>Batch</p>"}],
                    ),
                    self._call("res.partner", "search_count", [[]]),
                ]
            )
        self.assertFalse(readonly)
        self.assertEqual(
            answers[0]["error"]["data"]["name"], "odoo.exceptions.UserError"
        )
        self.assertIn("changes data", answers[0]["error"]["data"]["message"])
        self.assertIn("result", answers[1])
        self.cs_manager.invalidate_recordset(["signature"])
        self.assertNotEqual(str(self.cs_manager.signature), "<p>Batch</p>")
