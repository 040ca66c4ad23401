from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.key_account_service.tests.common import ConfidentialPathsCase

from .common import make_legal_fixture


@tagged("post_install", "-at_install", "cs_legal", "security")
class TestLegalArchiveConfidentialPaths(ConfidentialPathsCase):
    """Probe H1/H2/M5/L1 on legal archives: every path logs or refuses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        make_legal_fixture(cls)
        Archive = cls.env["legal.archive"]
        cls.archive = Archive.create(
            {
                "title": "Opinion on insured-value limits",
                "company_id": cls.branch.id,
                "summary": "<p>Declared value binds us only when the premium "
                "was paid.</p>",
                "conclusion": "<p>Settle</p>",
            }
        )
        cls.originals = Archive.create(
            {
                "title": "Carriage contract review",
                "company_id": cls.branch.id,
                "view_in_place": True,
                "summary": "<p>Liability capped at three times the freight.</p>",
            }
        )
        cls.document = cls.env["ir.attachment"].create(
            {
                "name": "lg_secret.txt",
                "raw": b"LGFILE archive one privileged opinion 0815",
                "mimetype": "text/plain",
                "res_model": "legal.archive",
                "res_id": cls.originals.id,
            }
        )
        cls.borrow = (
            cls.env["legal.archive.borrow"]
            .with_user(cls.legal_user)
            .create({"archive_id": cls.archive.id, "purpose": "Hearing"})
        )

    def test_h1_1_client_context_does_not_open_files(self):
        """H1.1: the context key of the logging route is not trusted from RPC."""
        self.authenticate("legal_user", "legal_user")
        self._refused_rpc(
            "ir.attachment",
            "read",
            [[self.document.id], ["datas"]],
            context={"key_account_access_logged": True},
        )
        self.assertFalse(self._logs(self.originals))

    def test_h1_2_mail_attachment_zip_is_refused(self):
        """H1.2: /mail/attachment/zip does not stream a (view-in-place) legal file."""
        self.authenticate("legal_user", "legal_user")
        response = self._zip(self.document)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"0815", response.content)
        self.assertFalse(self._logs(self.originals))

    def test_h1_5_documents_stay_with_their_archive(self):
        """H1.5: a legal officer cannot detach or delete an archive's document."""
        document = self.document.with_user(self.legal_user)
        with self.assertRaises(AccessError):
            document.write({"res_model": False, "res_id": 0})
        with self.assertRaises(AccessError):
            document.unlink()
        self.assertTrue(self.document.exists())
        self.document.with_user(self.legal_manager).unlink()
        self.assertEqual(self._logs(self.originals).mapped("how"), ["delete"])

    def test_h2_1_read_group_on_confidential_fields_is_refused(self):
        """H2.1: no legal archive is grouped or aggregated on its opinion."""
        archives = self.env["legal.archive"].with_user(self.legal_user)
        for groupby, aggregates in (
            (("summary",), ("__count",)),
            ((), ("summary:array_agg",)),
            (("company_id",), ("conclusion:max",)),
        ):
            with self.assertRaises(AccessError):
                archives._read_group([], groupby, aggregates)
        self.authenticate("legal_user", "legal_user")
        self._refused_rpc(
            "legal.archive",
            "web_read_group",
            [[], ["summary"], ["summary"]],
        )

    def test_h2_2_domains_through_a_related_path_are_refused(self):
        """H2.2: no search filters on an opinion, directly or from a borrowing."""
        borrows = self.env["legal.archive.borrow"].with_user(self.legal_user)
        archives = self.env["legal.archive"].with_user(self.legal_user)
        for model, domain in (
            (borrows, [("archive_id.summary", "ilike", "premium")]),
            (borrows, [("archive_id", "any", [("conclusion", "=like", "<p>S%")])]),
            (archives, [("summary", "ilike", "premium")]),
            (archives, [("borrow_ids.archive_id.summary", "ilike", "premium")]),
        ):
            with self.assertRaises(AccessError):
                model.search_count(domain)
            with self.assertRaises(AccessError):
                model.search([]).filtered_domain(domain)
        self.authenticate("legal_user", "legal_user")
        self._refused_rpc(
            "legal.archive.borrow",
            "search_count",
            [[("archive_id.summary", "ilike", "premium")]],
        )
        self.assertEqual(
            borrows.search([("archive_id.title", "ilike", "insured")]), self.borrow
        )

    def test_h2_3_export_through_a_related_path_is_logged(self):
        """H2.3: exporting a borrowing's archive opinion is logged as an export."""
        borrow = self.borrow.with_user(self.legal_user)
        rows = borrow.export_data(["name", "archive_id/summary"])["datas"]
        self.assertIn("premium", rows[0][1])
        self.assertRecordValues(
            self._logs(self.archive),
            [{"how": "export", "what": "summary", "user_id": self.legal_user.id}],
        )
        # the same through the web client's CSV export
        self.authenticate("legal_user", "legal_user")
        rows = self._export_csv(self.borrow, ["name", "archive_id/conclusion"])
        self.assertIn("Settle", rows[1][1])
        self.assertEqual(
            self._logs(self.archive).mapped(lambda log: (log.how, log.what)),
            [("export", "summary"), ("export", "conclusion")],
        )

    def test_h2_4_copy_keeps_the_content_and_the_flag(self):
        """H2.4: a copy carries no opinion; a view-in-place archive is not copied."""
        with self.assertRaises(AccessError):
            self.originals.with_user(self.legal_user).copy({"view_in_place": False})
        copy = self.archive.with_user(self.legal_user).copy()
        self.assertFalse(copy.sudo().summary)
        self.assertFalse(copy.sudo().conclusion)
        self.assertFalse(self._logs(self.originals))

    def test_m5_only_a_legal_manager_lifts_view_in_place(self):
        """M5: only a legal manager changes view-in-place, and it is logged."""
        with self.assertRaises(AccessError):
            self.originals.with_user(self.legal_user).write({"view_in_place": False})
        with self.assertRaises(AccessError):
            self.archive.with_user(self.legal_user).write({"view_in_place": True})
        self.assertTrue(self.originals.view_in_place)
        self.originals.with_user(self.legal_manager).write({"view_in_place": False})
        self.assertRecordValues(
            self._logs(self.originals),
            [{"how": "in_place", "user_id": self.legal_manager.id}],
        )
        # other fields stay writable by the officer
        self.archive.with_user(self.legal_user).write({"location": "Shelf 4"})

    def test_l1_customer_service_managers_do_not_see_legal_accesses(self):
        """L1: a CS manager without a legal group reads no legal-archive log row."""
        self.archive.with_user(self.legal_user).read(["summary"])
        cs_manager = new_test_user(
            self.env,
            login="cs_manager_no_legal",
            groups="key_account_service.key_account_service_group_manager",
            company_id=self.branch.id,
            company_ids=[(6, 0, (self.hq | self.branch).ids)],
        )
        Log = self.env["key.account.access.log"]
        self.assertFalse(
            Log.with_user(cs_manager).search([("res_model", "=", "legal.archive")])
        )
        self.assertEqual(
            len(
                Log.with_user(self.legal_manager).search(
                    [("res_id", "=", self.archive.id)]
                )
            ),
            1,
        )

    def test_held_every_logged_path(self):
        """Held: read, web_read from a borrowing, exports, print, the route log."""
        self.authenticate("legal_user", "legal_user")
        self._call_kw("legal.archive", "read", [[self.archive.id], ["summary"]])
        self._call_kw(
            "legal.archive.borrow",
            "web_read",
            [self.borrow.ids],
            specification={"archive_id": {"fields": {"conclusion": {}}}},
        )
        self._call_kw(
            "legal.archive",
            "export_data",
            [self.archive.ids, ["summary"]],
        )
        self.assertIn(
            "premium", self._export_csv(self.archive, ["conclusion", "summary"])[1][1]
        )
        response = self.url_open(
            f"/report/html/cs_legal.report_legal_archive/{self.archive.id}"
        )
        self.assertEqual(response.status_code, 200)
        with self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.legal_user)._render_qweb_html(
                "cs_legal.action_report_legal_archive", self.originals.ids
            )
        response = self.url_open(
            f"/key_account/archive/legal.archive/{self.originals.id}"
            f"/document/{self.document.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(b"0815", response.content)
        self.assertEqual(
            self._logs(self.archive).mapped(lambda log: (log.how, log.what)),
            [
                ("rpc", "summary"),
                ("view", "conclusion"),
                ("export", "summary"),
                ("export", "conclusion, summary"),
                ("print", "Archive Content"),
            ],
        )
        self.assertEqual(
            self._logs(self.originals).mapped(lambda log: (log.how, log.what)),
            [("view", "lg_secret.txt")],
        )
