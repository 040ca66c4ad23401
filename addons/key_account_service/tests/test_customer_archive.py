import base64

import psycopg2

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KeyAccountServiceCommon


@tagged("post_install", "-at_install", "key_account_service")
class TestCustomerArchive(KeyAccountServiceCommon):
    """KA-8: every look at a customer archive is registered; the log is fixed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = cls._new_user("ka_archive_colleague", "user", cls.branch)
        cls.mine = cls._key_account("Archive Mine Co.", 60000)
        cls.theirs = cls._key_account(
            "Archive Theirs Co.", 60000, manager=cls.colleague
        )
        Archive = cls.env["key.account.archive"]
        cls.archive = Archive.create(
            {
                "partner_id": cls.mine.id,
                "company_id": cls.branch.id,
                "contacts": "Ms Li, logistics, 139-0000",
                "carriers": "SF Express",
            }
        )
        cls.their_archive = Archive.create(
            {"partner_id": cls.theirs.id, "company_id": cls.branch.id}
        )
        cls.document = cls.env["ir.attachment"].create(
            {
                "name": "signed-contract.pdf",
                "raw": b"%PDF-1.4 signed",
                "res_model": "key.account.archive",
                "res_id": cls.archive.id,
            }
        )

    def _logs(self, archive=None):
        archive = archive or self.archive
        return self.env["key.account.access.log"].search(
            [("res_model", "=", archive._name), ("res_id", "=", archive.id)]
        )

    def _consult(self, user, reason):
        request = (
            self.env["key.account.access.request"]
            .with_user(user)
            .create(
                {
                    "res_model": "key.account.archive",
                    "res_id": self.archive.id,
                    "reason": reason,
                }
            )
        )
        return request.action_open()

    def test_consult_logs_who_what_how_why(self):
        action = self._consult(self.account_manager, "renewal negotiation")
        content_view = self.env.ref(
            "key_account_service.key_account_archive_view_form_content"
        )
        self.assertEqual(action["views"], [(content_view.id, "form")])
        self.assertFalse(self._logs(), "the dialog alone reads nothing")
        archive = self.archive.with_user(self.account_manager).with_context(
            **action["context"]
        )
        values = archive.web_read({"contacts": {}, "carriers": {}})
        self.assertEqual(values[0]["carriers"], "SF Express")
        log = self._logs()
        self.assertEqual(len(log), 1)
        self.assertRecordValues(
            log,
            [
                {
                    "user_id": self.account_manager.id,
                    "how": "view",
                    "what": "carriers, contacts",
                    "reason": "renewal negotiation",
                    "without_reason": False,
                    "company_id": self.branch.id,
                    "res_name": "Archive Mine Co.",
                }
            ],
        )
        self.assertEqual(self.archive.access_log_count, 1)

    def test_card_without_content_is_not_logged(self):
        self.archive.with_user(self.account_manager).web_read(
            {"partner_id": {}, "user_id": {}, "original_location": {}}
        )
        self.assertFalse(self._logs())

    def test_rpc_read_and_search_read_are_logged_without_reason(self):
        archive = self.archive.with_user(self.account_manager)
        archive.read(["contacts"])
        archive.search_read([("id", "=", self.archive.id)], ["history"])
        logs = self._logs()
        self.assertEqual(logs.mapped("how"), ["rpc", "rpc"])
        self.assertTrue(all(logs.mapped("without_reason")))

    def test_view_in_place_refuses_export_and_print(self):
        archive = self.archive.with_user(self.cs_manager)
        with self.assertRaises(AccessError):
            archive.export_data(["partner_id", "contacts"])
        # the card's own fields are not the archive's content
        archive.export_data(["partner_id", "category"])
        self.assertFalse(self._logs())

    def test_documents_only_through_the_route(self):
        attachment = self.document.with_user(self.account_manager)
        for read in (
            lambda: attachment.read(["datas"]),
            lambda: attachment.search_read([("id", "=", self.document.id)], ["raw"]),
            lambda: attachment.export_data(["name", "datas"]),
            lambda: (
                self.env["ir.binary"]
                .with_user(self.account_manager)
                ._find_record(res_model="ir.attachment", res_id=self.document.id)
            ),
        ):
            with self.assertRaises(AccessError):
                read()
        # names and sizes stay visible for the Documents list
        self.assertEqual(attachment.read(["name"])[0]["name"], "signed-contract.pdf")
        self.assertEqual(
            self.archive.with_user(self.account_manager).document_ids, self.document
        )
        action = self._consult(self.account_manager, "check the signature")
        how, document = (
            self.archive.with_user(self.account_manager)
            .with_context(**action["context"])
            ._open_document(self.document)
        )
        self.assertEqual(how, "view", "a customer archive is viewed in place")
        self.assertEqual(document.raw, b"%PDF-1.4 signed")
        self.assertRecordValues(
            self._logs(),
            [
                {
                    "how": "view",
                    "what": "signed-contract.pdf",
                    "reason": "check the signature",
                }
            ],
        )
        self.assertEqual(base64.b64decode(self.document.datas), b"%PDF-1.4 signed")

    def test_log_rows_cannot_change(self):
        self.archive.with_user(self.account_manager).read(["contacts"])
        log = self._logs()
        for env_log in (log, log.sudo(), log.with_user(self.cs_manager)):
            with self.assertRaises(UserError):
                env_log.write({"reason": "nothing to see"})
            with self.assertRaises(UserError):
                env_log.unlink()
        with self.assertRaises(AccessError):
            self.env["key.account.access.log"].with_user(self.cs_manager).create(
                {
                    "res_model": "key.account.archive",
                    "res_id": self.archive.id,
                    "user_id": self.cs_manager.id,
                    "how": "view",
                }
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.Error),
            self.env.cr.savepoint(),
        ):
            self.env.cr.execute(
                "UPDATE key_account_access_log SET reason = 'x' WHERE id = %s",
                [log.id],
            )
        with self.assertRaises(UserError):
            self.archive.unlink()

    def test_access_per_group_and_company(self):
        Archive = self.env["key.account.archive"]
        mine = Archive.with_user(self.account_manager).search([])
        self.assertIn(self.archive, mine)
        self.assertNotIn(self.their_archive, mine)
        self.assertEqual(
            Archive.with_user(self.cs_manager).search(
                [("id", "in", (self.archive | self.their_archive).ids)]
            ),
            self.archive | self.their_archive,
        )
        outsider = self._new_user(
            "ka_archive_outsider", "manager", self.other_hq, self.other_hq
        )
        self.assertFalse(
            Archive.with_user(outsider).search([("id", "=", self.archive.id)])
        )
        with self.assertRaises(AccessError):
            self.their_archive.with_user(self.account_manager).read(["contacts"])
        # account managers see their own accesses, managers everyone's
        self.archive.with_user(self.cs_manager).read(["contacts"])
        self.archive.with_user(self.account_manager).read(["contacts"])
        Log = self.env["key.account.access.log"]
        self.assertEqual(
            Log.with_user(self.account_manager).search([]).user_id,
            self.account_manager,
        )
        self.assertEqual(
            len(
                Log.with_user(self.cs_manager).search(
                    [("res_id", "=", self.archive.id)]
                )
            ),
            2,
        )

    def test_special_days_per_group_and_reading_them_is_logged(self):
        """KA-2 special days live in the archive: its readers, its log."""
        Day = self.env["key.account.special.day"]
        mine, theirs = Day.create(
            [
                {
                    "archive_id": archive.id,
                    "kind": "birthday",
                    "name": "Ms Li",
                    "date": "1980-03-15",
                }
                for archive in (self.archive, self.their_archive)
            ]
        )
        self.assertFalse(mine.major, "a birthday is not major unless ticked")
        founded = Day.with_user(self.account_manager).create(
            {
                "archive_id": self.archive.id,
                "kind": "anniversary",
                "name": "Founded",
                "date": "2005-07-08",
            }
        )
        self.assertTrue(founded.major, "an anniversary is")
        self.assertEqual(Day.with_user(self.account_manager).search([]), mine | founded)
        self.assertEqual(
            Day.with_user(self.cs_manager).search([("id", "in", (mine | theirs).ids)]),
            mine | theirs,
        )
        outsider = self._new_user(
            "ka_special_day_outsider", "manager", self.other_hq, self.other_hq
        )
        self.assertFalse(Day.with_user(outsider).search([("id", "=", mine.id)]))
        with self.assertRaises(AccessError):
            theirs.with_user(self.account_manager).write({"name": "Mr Wu"})
        with self.assertRaises(AccessError):
            founded.with_user(self.account_manager).unlink()
        founded.with_user(self.cs_manager).unlink()
        self.archive.with_user(self.account_manager).read(["special_day_ids"])
        self.assertEqual(self._logs().mapped("how"), ["rpc"])
        # the form reads them with the archive: one row, the archive's
        self.archive.with_user(self.account_manager).web_read(
            {"special_day_ids": {"fields": {"name": {}, "date": {}}}}
        )
        self.assertEqual(self._logs().mapped("how"), ["view", "rpc"])
        # read on their own, they are logged on their archive all the same
        mine.with_user(self.account_manager).read(["name", "date"])
        self.assertEqual(self._logs().mapped("how"), ["rpc", "view", "rpc"])
        self.assertEqual(self._logs()[0].what, "Special Days: date, name")
        # and they neither leave the archive room nor answer searches
        with self.assertRaises(AccessError):
            mine.with_user(self.account_manager).export_data(["name", "date"])
        with self.assertRaises(AccessError):
            Day.with_user(self.account_manager).search([("date", "<", "1990-01-01")])

    def test_partner_button_opens_the_archive_card(self):
        action = self.mine.with_user(
            self.account_manager
        ).action_view_key_account_archive()
        self.assertEqual(action["res_id"], self.archive.id)
        self.assertEqual(action["context"]["default_company_id"], self.branch.id)
