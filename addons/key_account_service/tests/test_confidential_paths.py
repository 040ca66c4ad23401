import base64

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.key_account_service.models.access_logged_mixin import (
    access_logged_models,
    confidential_fields,
)

from .common import ConfidentialPathsCase, KeyAccountServiceCommon

SECRET = "SECRET-CONTACT Mr Qian 13800001111"
FILE = b"KAFILE top secret price list 4711"


@tagged("post_install", "-at_install", "key_account_service", "security")
class TestCustomerArchiveConfidentialPaths(
    KeyAccountServiceCommon, ConfidentialPathsCase
):
    """Probe H1/H2/L2 on customer archives: every path logs or refuses."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.account = cls._key_account("Silk Road Apparel", 60000)
        cls.archive = cls.env["key.account.archive"].create(
            {
                "partner_id": cls.account.id,
                "company_id": cls.branch.id,
                "contacts": SECRET,
                "history": "<p>Negotiated 12% discount</p>",
            }
        )
        cls.document = cls.env["ir.attachment"].create(
            {
                "name": "ka_secret.txt",
                "raw": FILE,
                "mimetype": "text/plain",
                "res_model": "key.account.archive",
                "res_id": cls.archive.id,
            }
        )

    # ---- H1: the archive's files ----

    def test_h1_1_client_context_does_not_open_files(self):
        """H1.1: the context key of the logging route is not trusted from RPC."""
        self.authenticate("ka_user", "ka_user")
        self._refused_rpc(
            "ir.attachment",
            "read",
            [[self.document.id], ["datas"]],
            context={"key_account_access_logged": True},
        )
        document = self.document.with_user(self.account_manager).with_context(
            key_account_access_logged=True
        )
        with self.assertRaises(AccessError):
            document.read(["raw"])
        self.assertFalse(self._logs(self.archive))

    def test_h1_2_mail_attachment_zip_is_refused(self):
        """H1.2: /mail/attachment/zip does not stream an archive's file."""
        for login in ("ka_user", "ka_manager"):
            self.authenticate(login, login)
            response = self._zip(self.document)
            self.assertIn(response.status_code, (403, 404), login)
            self.assertNotIn(b"4711", response.content)
        self.assertFalse(self._logs(self.archive))
        # the same route still serves an ordinary file
        other = self.env["ir.attachment"].create(
            {
                "name": "note.txt",
                "raw": b"ordinary",
                "res_model": "res.partner",
                "res_id": self.account.id,
            }
        )
        response = self._zip(other)
        self.assertEqual(response.status_code, 200)

    def test_h1_3_read_group_and_content_search_on_files(self):
        """H1.3: read_group and index_content searches do not reach the text."""
        self.assertIn("4711", self.document.sudo().index_content)
        Attachment = self.env["ir.attachment"].with_user(self.account_manager)
        domain = [("id", "=", self.document.id)]
        for groupby, aggregates in (
            ((), ("index_content:array_agg",)),
            (("index_content",), ("__count",)),
            ((), ("index_content:max",)),
        ):
            with self.assertRaises(AccessError):
                Attachment._read_group(domain, groupby, aggregates)
        with self.assertRaises(AccessError):
            Attachment.read_group(domain, ["index_content"], ["index_content"])
        for guess in ("4711", "nothing like it"):
            self.assertEqual(
                Attachment.search_count(domain + [("index_content", "ilike", guess)]),
                0,
                "an archive's document never matches on its content",
            )
        self.assertFalse(
            self.document.with_user(self.account_manager).filtered_domain(
                [("index_content", "ilike", "4711")]
            )
        )
        self.authenticate("ka_user", "ka_user")
        self.assertEqual(
            self._call_kw(
                "ir.attachment",
                "search_count",
                [domain + [("index_content", "ilike", "4711")]],
            ),
            0,
        )
        self.assertFalse(self._logs(self.archive))

    def test_h1_4_copy_of_a_document_is_refused(self):
        """H1.4: copying an archive's document (then reading the copy) is refused."""
        self.authenticate("ka_user", "ka_user")
        self._refused_rpc(
            "ir.attachment",
            "copy",
            [[self.document.id]],
            default={"res_model": False, "res_id": 0},
        )
        with self.assertRaises(AccessError):
            self.document.with_user(self.account_manager).copy(
                {"res_model": False, "res_id": 0}
            )
        self.assertEqual(
            self.env["ir.attachment"].search_count([("name", "=", "ka_secret.txt")]), 1
        )

    def test_h1_5_documents_stay_with_their_archive(self):
        """H1.5: detaching or deleting a document needs a manager and is logged."""
        document = self.document.with_user(self.account_manager)
        with self.assertRaises(AccessError):
            document.write({"res_model": False, "res_id": 0})
        with self.assertRaises(AccessError):
            document.write({"res_id": self.archive.id + 1000})
        with self.assertRaises(AccessError):
            document.unlink()
        self.assertEqual(self.archive.document_ids, self.document)
        # renaming it is harmless, and so is an administrator's storage move
        document.write({"name": "price-list.txt"})
        self.document.with_user(self.env.ref("base.user_admin"))._migrate()
        self.assertEqual(self.document.raw, FILE)
        # whether a file is in the database is no secret (storage domains)
        self.assertEqual(
            document.search_count(
                [("id", "=", self.document.id), ("db_datas", "=", False)]
            ),
            1,
        )
        # the customer-service manager may remove it: the log keeps the trace
        self.document.with_user(self.cs_manager).unlink()
        self.assertFalse(self.document.exists())
        self.assertRecordValues(
            self._logs(self.archive),
            [
                {
                    "how": "delete",
                    "what": "price-list.txt",
                    "user_id": self.cs_manager.id,
                }
            ],
        )

    # ---- H2: the archive's confidential fields ----

    def test_h2_1_read_group_on_confidential_fields_is_refused(self):
        """H2.1: (web_)read_group never groups or totals a confidential field."""
        Archive = self.env["key.account.archive"]
        for user in (self.account_manager, self.cs_manager):
            archives = Archive.with_user(user)
            for groupby, aggregates in (
                (("contacts",), ("__count",)),
                ((), ("contacts:array_agg",)),
                (("company_id",), ("contacts:max",)),
            ):
                with self.assertRaises(AccessError):
                    archives._read_group([], groupby, aggregates)
            with self.assertRaises(AccessError):
                archives.web_read_group([], ["contacts"], ["contacts"])
            with self.assertRaises(AccessError):
                archives.read_group([], ["history:max"], [])
        self.authenticate("ka_manager", "ka_manager")
        self._refused_rpc(
            "key.account.archive",
            "read_group",
            [[], ["contacts:array_agg"], []],
        )
        # grouping by the card's own fields still works
        self.assertTrue(
            Archive.with_user(self.cs_manager)._read_group([], ["company_id"])
        )
        self.assertFalse(self._logs(self.archive))

    def test_h2_2_domains_on_confidential_fields_are_refused(self):
        """H2.2: no search, count or list can filter on a confidential field."""
        archives = self.env["key.account.archive"].with_user(self.account_manager)
        for domain in (
            [("contacts", "ilike", "13800001111")],
            [("contacts", "=like", "SEC%")],
            ["|", ("id", "=", 0), ("history", "ilike", "discount")],
            [("contacts", "!=", False)],
        ):
            with self.assertRaises(AccessError):
                archives.search_count(domain)
            with self.assertRaises(AccessError):
                archives.search(domain)
            with self.assertRaises(AccessError):
                archives.web_search_read(domain, {"display_name": {}})
            with self.assertRaises(AccessError):
                archives.browse(self.archive.id).filtered_domain(domain)
        self.authenticate("ka_user", "ka_user")
        error = self._refused_rpc(
            "key.account.archive",
            "search_count",
            [[("contacts", "ilike", "Qian")]],
        )
        self.assertIn("AccessError", error.args[0])
        # searching the card's own fields still works
        self.assertEqual(
            archives.search([("partner_id", "=", self.account.id)]), self.archive
        )
        self.assertFalse(self._logs(self.archive))

    def test_h2_4_copy_of_an_archive_is_refused(self):
        """H2.4: a customer archive (view in place) cannot be copied."""
        other = self._key_account("Longjing Tea Trading", 60000)
        with self.assertRaises(AccessError):
            self.archive.with_user(self.account_manager).copy({"partner_id": other.id})
        self.assertFalse(
            self.env["key.account.archive"].search([("partner_id", "=", other.id)])
        )
        for fname in self.env["key.account.archive"]._access_logged_fields:
            self.assertFalse(self.archive._fields[fname].copy, fname)

    def test_h2_5_templates_cannot_render_confidential_fields(self):
        """H2.5: a template rendered on an archive cannot output its content."""
        Render = self.env["mail.render.mixin"]
        for source, engine in (
            ("{{ object.contacts }}", "inline_template"),
            ('<p t-out="object.history"/>', "qweb"),
        ):
            with self.assertRaises(AccessError):
                Render._render_template(
                    source, "key.account.archive", self.archive.ids, engine=engine
                )
        # the probe's path: a template on the archive, rendered for a mail
        template = self.env["mail.template"].create(
            {
                "name": "Archive digest",
                "model_id": self.env["ir.model"]._get_id("key.account.archive"),
                "subject": "{{ object.partner_id.name }}",
                "body_html": '<p t-out="object.contacts"/>',
            }
        )
        with self.assertRaises(AccessError):
            template._render_field("body_html", self.archive.ids)
        self.assertEqual(
            template._render_field("subject", self.archive.ids)[self.archive.id],
            "Silk Road Apparel",
        )
        # the card's own fields can still be used in a template
        rendered = Render._render_template(
            "{{ object.partner_id.name }}", "key.account.archive", self.archive.ids
        )
        self.assertEqual(rendered[self.archive.id], "Silk Road Apparel")

    def test_h2_no_field_elsewhere_mirrors_a_confidential_field(self):
        """H2: the guards sit on the archives; no model copies their content.

        A related or computed-and-stored field on another model would be read
        without a log row: the one definition of a confidential field stays
        the archive's ``_access_logged_fields``.
        """
        logged = set(access_logged_models(self.env.registry))
        self.assertIn("key.account.archive", logged)
        for model_name in self.env.registry:
            for field in self.env[model_name]._fields.values():
                if not field.related or model_name in logged:
                    continue
                target = field.related_field
                self.assertFalse(
                    target.model_name in logged
                    and target.name in confidential_fields(self.env, target.model_name),
                    f"{field} mirrors the confidential {target}",
                )

    # ---- L2: the reason of an access ----

    def test_l2_how_a_read_is_logged_is_not_the_callers_to_say(self):
        """L2: a caller's context cannot label an RPC read as a screen view."""
        self.authenticate("ka_user", "ka_user")
        self._call_kw(
            "key.account.archive",
            "read",
            [[self.archive.id], ["contacts"]],
            context={"access_log_how": "view", "access_log_read": True},
        )
        self.assertEqual(self._logs(self.archive).mapped("how"), ["rpc"])

    def test_l2_reason_comes_from_the_consult_dialog(self):
        """L2: a reason set in the context by the caller is not the stated reason."""
        self.authenticate("ka_user", "ka_user")
        self._call_kw(
            "key.account.archive",
            "read",
            [[self.archive.id], ["contacts"]],
            context={"access_log_reason": "court order #1"},
        )
        self.assertRecordValues(
            self._logs(self.archive),
            [{"how": "rpc", "reason": "", "without_reason": True}],
        )
        request = (
            self.env["key.account.access.request"]
            .with_user(self.account_manager)
            .create(
                {
                    "res_model": "key.account.archive",
                    "res_id": self.archive.id,
                    "reason": "quarterly review",
                }
            )
        )
        action = request.action_open()
        self.assertNotIn("access_log_reason", action["context"])
        self._call_kw(
            "key.account.archive",
            "web_read",
            [[self.archive.id]],
            specification={"contacts": {}},
            context=action["context"],
        )
        self.assertEqual(
            self._logs(self.archive)[-1:].mapped(lambda log: (log.how, log.reason)),
            [("view", "quarterly review")],
        )
        # the Documents list passes the dialog, not a reason, to the route
        download = (
            self.document.with_user(self.account_manager)
            .with_context(**action["context"])
            .action_confidential_download()
        )
        self.assertNotIn("reason", download["url"])
        self.assertEqual(self.url_open(download["url"]).content, FILE)
        self.assertEqual(
            self._logs(self.archive)[-1:].mapped(lambda log: (log.how, log.reason)),
            [("view", "quarterly review")],
        )
        # another user's dialog does not lend its reason
        self._call_kw(
            "key.account.archive",
            "read",
            [[self.archive.id], ["contacts"]],
            context={"access_request_id": request.id},
        )
        self.authenticate("ka_manager", "ka_manager")
        self._call_kw(
            "key.account.archive",
            "read",
            [[self.archive.id], ["contacts"]],
            context={"access_request_id": request.id},
        )
        self.assertEqual(
            self._logs(self.archive)[-2:].mapped(lambda log: (log.how, log.reason)),
            [("rpc", "quarterly review"), ("rpc", "")],
        )

    # ---- what held keeps holding ----

    def test_held_logged_paths_write_a_row_with_the_right_how(self):
        """Held: read, search_read, web_read, web_search_read and the route log."""
        self.authenticate("ka_user", "ka_user")
        archive_id = self.archive.id
        self._call_kw("key.account.archive", "read", [[archive_id], ["contacts"]])
        self._call_kw(
            "key.account.archive",
            "search_read",
            [[("id", "=", archive_id)], ["history"]],
        )
        self._call_kw(
            "key.account.archive",
            "web_read",
            [[archive_id]],
            specification={"contacts": {}},
        )
        self._call_kw(
            "key.account.archive",
            "web_search_read",
            [[("id", "=", archive_id)]],
            specification={"contacts": {}},
        )
        response = self.url_open(
            f"/key_account/archive/key.account.archive/{archive_id}"
            f"/document/{self.document.id}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, FILE)
        self.assertEqual(
            self._logs(self.archive).mapped(lambda log: (log.how, log.what)),
            [
                ("rpc", "contacts"),
                ("rpc", "history"),
                ("view", "contacts"),
                ("view", "contacts"),
                ("view", "ka_secret.txt"),
            ],
        )

    def test_held_files_and_exports_stay_refused(self):
        """Held: /web/content, /web/image, tokens and exports of a customer archive."""
        token = self.document.sudo().generate_access_token()[0]
        self.authenticate("ka_user", "ka_user")
        for url in (
            f"/web/content/{self.document.id}",
            f"/web/content/ir.attachment/{self.document.id}/raw",
            f"/web/content/{self.document.id}?access_token={token}",
        ):
            self.assertIn(self.url_open(url).status_code, (403, 404), url)
        image = self.url_open(f"/web/image/{self.document.id}")
        self.assertNotIn(b"4711", image.content)
        self.logout()
        response = self.url_open(
            f"/web/content/{self.document.id}?access_token={token}"
        )
        self.assertIn(response.status_code, (403, 404))
        archive = self.archive.with_user(self.account_manager)
        with self.assertRaises(AccessError):
            archive.export_data(["contacts"])
        with self.assertRaises(AccessError):
            archive.export_data(["document_ids/datas"])
        with self.assertRaises(UserError):
            self._logs(self.archive).write({"reason": "x"})
        self.assertFalse(self._logs(self.archive))
        self.assertEqual(base64.b64decode(self.document.datas), FILE)
