from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import make_legal_fixture


@tagged("post_install", "-at_install", "cs_legal")
class TestLegalArchive(HttpCase):
    """LG-3: every path to an archive's content is logged; lending is registered."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        make_legal_fixture(cls)
        Archive = cls.env["legal.archive"]
        cls.archive = Archive.create(
            {
                "title": "Opinion on the warehouse lease",
                "archive_type": "legal_opinion",
                "company_id": cls.branch.id,
                "summary": "<p>Lease clause 7 is void</p>",
            }
        )
        cls.originals = Archive.create(
            {
                "title": "Signed originals",
                "company_id": cls.branch.id,
                "view_in_place": True,
            }
        )
        cls.document = cls.env["ir.attachment"].create(
            {
                "name": "opinion.pdf",
                "raw": b"%PDF opinion",
                "res_model": "legal.archive",
                "res_id": cls.archive.id,
            }
        )

    def _logs(self, archive=None):
        archive = archive or self.archive
        return self.env["key.account.access.log"].search(
            [("res_model", "=", "legal.archive"), ("res_id", "=", archive.id)],
            order="id",
        )

    def test_every_access_path_is_logged(self):
        archive = self.archive.with_user(self.legal_user)
        # the form, opened through Consult with a reason
        action = (
            self.env["key.account.access.request"]
            .with_user(self.legal_user)
            .create(
                {"res_model": "legal.archive", "res_id": archive.id, "reason": "appeal"}
            )
            .action_open()
        )
        archive.with_context(**action["context"]).web_read({"summary": {}})
        # RPC read, export and a printed report
        archive.read(["conclusion"])
        archive.export_data(["name", "summary"])
        self.env["ir.actions.report"].with_user(self.legal_user)._render_qweb_html(
            "cs_legal.action_report_legal_archive", archive.ids
        )
        # the download route, after saying why in the Consult dialog
        request = (
            self.env["key.account.access.request"]
            .with_user(self.legal_user)
            .create(
                {
                    "res_model": "legal.archive",
                    "res_id": archive.id,
                    "reason": "court copy",
                }
            )
        )
        self.authenticate("legal_user", "legal_user")
        url = (
            f"/key_account/archive/legal.archive/{archive.id}"
            f"/document/{self.document.id}?access_request_id={request.id}"
        )
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"%PDF opinion")
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertEqual(
            self._logs().mapped(lambda log: (log.how, log.reason)),
            [
                ("view", "appeal"),
                ("rpc", ""),
                ("export", ""),
                ("print", ""),
                ("download", "court copy"),
            ],
        )
        self.assertEqual(self._logs().user_id, self.legal_user)

    def test_files_cannot_be_reached_around_the_log(self):
        self.authenticate("legal_manager", "legal_manager")
        for url in (
            f"/web/content/{self.document.id}?download=true",
            f"/web/content/ir.attachment/{self.document.id}/datas",
        ):
            self.assertIn(self.url_open(url).status_code, (403, 404), url)
        # nor another archive's file through the route
        wrong = (
            f"/key_account/archive/legal.archive/{self.originals.id}"
            f"/document/{self.document.id}"
        )
        self.assertEqual(self.url_open(wrong).status_code, 404)
        self.assertFalse(self._logs())
        # administrators go through the log too
        admin = self.env.ref("base.user_admin")
        admin.company_ids |= self.hq | self.branch
        with self.assertRaises(AccessError):
            self.document.with_user(admin).read(["datas"])
        self.archive.with_user(admin).read(["summary"])
        self.assertEqual(self._logs().user_id, admin)

    def test_view_in_place_archive_is_not_lent_printed_or_exported(self):
        Borrow = self.env["legal.archive.borrow"].with_user(self.legal_user)
        with self.assertRaises(ValidationError):
            Borrow.create({"archive_id": self.originals.id, "purpose": "court"})
        originals = self.originals.with_user(self.legal_user)
        with self.assertRaises(AccessError):
            originals.export_data(["summary"])
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.legal_user)._render_qweb_html(
                "cs_legal.action_report_legal_archive", originals.ids
            )
        self.assertFalse(self._logs(self.originals))

    def test_borrowing_register_and_overdue_reminder(self):
        Borrow = self.env["legal.archive.borrow"]
        with freeze_time("2026-11-02"):
            borrow = Borrow.with_user(self.legal_user).create(
                {
                    "archive_id": self.archive.id,
                    "purpose": "Hearing on 5 November",
                    "date_due": "2026-11-06",
                }
            )
            with self.assertRaises(AccessError):
                borrow.action_approve()
            with self.assertRaises(UserError):
                borrow.write({"state": "borrowed"})
            borrow.with_user(self.legal_manager).action_approve()
            borrow.action_hand_over()
        self.assertTrue(self.archive.borrowed)
        self.assertEqual(self._logs().mapped("how"), ["borrow"])
        with freeze_time("2026-11-09"):
            self.assertTrue(borrow.overdue)
            Borrow._cron_remind_overdue()
            Borrow._cron_remind_overdue()
            self.assertIn(borrow, Borrow.search([("overdue", "=", True)]))
        # the borrower holds the return since the hand-over; once it is late
        # the legal managers are told, once (the deadline clock)
        return_type = self.env.ref("cs_legal.mail_act_legal_borrow_return")
        reminders = borrow.activity_ids.filtered(
            lambda a: a.activity_type_id == return_type
        )
        self.assertEqual(len(reminders), 1)
        self.assertEqual(reminders.user_id, self.legal_user)
        self.assertEqual(str(reminders.date_deadline), "2026-11-06")
        alerts = borrow.activity_ids - reminders
        self.assertEqual(
            alerts.activity_type_id,
            self.env.ref("cs_legal.mail_act_legal_borrow_overdue"),
        )
        self.assertEqual(
            len(alerts.filtered(lambda a: a.user_id == self.legal_manager)), 1
        )
        self.assertNotIn(self.legal_user, alerts.user_id)
        self.assertTrue(borrow.return_step_ids.escalated)
        with freeze_time("2026-11-10"):
            borrow.action_return()
        self.assertFalse(self.archive.borrowed)
        self.assertFalse(borrow.activity_ids)
        self.assertEqual(borrow.return_step_ids.status, "done")
        self.assertEqual(self._logs().mapped("how"), ["borrow", "return"])
        self.assertEqual(self.archive.borrow_ids, borrow)
        with self.assertRaises(UserError):
            borrow.with_user(self.legal_manager).unlink()

    def test_lending_is_logged_in_values_cs_legal_owns(self):
        """The access log's "borrow"/"return" values are cs_legal's: the lowest
        addon does not carry them, and its rows keep them (append-only)."""
        Selection = self.env["ir.model.fields.selection"]
        lending = Selection.search(
            [
                ("field_id.model", "=", "key.account.access.log"),
                ("field_id.name", "=", "how"),
                ("value", "in", ("borrow", "return")),
            ]
        )
        self.assertEqual(len(lending), 2)
        owners = {
            xmlid.split(".")[0]
            for xmlids in lending._get_external_ids().values()
            for xmlid in xmlids
        }
        self.assertEqual(owners, {"cs_legal"})
        self.archive._register_access("borrow", "BRW/TEST", reason="hearing")
        row = self._logs()
        # what uninstalling cs_legal does to the rows: nothing, as the log is
        # append-only (a database trigger refuses any update)
        lending._process_ondelete()
        row.invalidate_recordset()
        self.assertEqual(row.how, "borrow")

    def test_branch_and_company_visibility(self):
        Archive = self.env["legal.archive"]
        self.assertIn(self.archive, Archive.with_user(self.hq_legal).search([]))
        self.assertNotIn(self.archive, Archive.with_user(self.outsider).search([]))
        self.archive.with_user(self.legal_user).read(["summary"])
        self.archive.with_user(self.hq_legal).read(["summary"])
        Log = self.env["key.account.access.log"]
        self.assertEqual(
            Log.with_user(self.legal_user)
            .search([("res_id", "=", self.archive.id)])
            .user_id,
            self.legal_user,
            "a legal officer sees their own accesses only",
        )
        self.assertEqual(
            len(
                Log.with_user(self.legal_manager).search(
                    [("res_id", "=", self.archive.id)]
                )
            ),
            2,
        )
