from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT


@tagged("post_install", "-at_install", "key_account_service")
class TestSatisfactionPublicAccess(HttpCase):
    """A customer opens his own survey through his personal link, and no
    other: neither without a link nor with a colleague's."""

    def test_a_customer_opens_only_his_own_survey(self):
        env = self.env(context=dict(self.env.context, **DISABLED_MAIL_CONTEXT))
        hq = env["res.company"].create({"name": "Access Survey HQ"})
        account = env["res.partner"].create(
            {
                "name": "Access Survey Co.",
                "is_company": True,
                "is_key_account": True,
                "key_account_company_id": hq.id,
            }
        )
        buyer, clerk = env["res.partner"].create(
            [
                {"name": "Access Buyer", "parent_id": account.id, "email": "b@a.cn"},
                {"name": "Access Clerk", "parent_id": account.id, "email": "c@a.cn"},
            ]
        )
        new_test_user(
            env,
            login="access_survey_clerk",
            groups="base.group_portal",
            partner_id=clerk.id,
            company_id=hq.id,
            company_ids=[Command.set(hq.ids)],
        )
        campaign = env["key.account.survey.campaign"].create(
            {"name": "Access", "company_id": hq.id}
        )
        campaign.action_send()
        answers = env["survey.user_input"].search(
            [("key_account_partner_id", "=", account.id)]
        )
        mine = answers.filtered(lambda a: a.partner_id == buyer)
        # his own link opens the survey, without logging in
        page = self.url_open(mine.get_start_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("Key Account Satisfaction Survey", page.text)
        self.assertNotIn("Survey Access Error", page.text)
        # without a personal link: nothing
        page = self.url_open(f"/survey/start/{mine.survey_id.access_token}")
        self.assertNotIn("/survey/", page.url)
        # a colleague logged in on the portal cannot open the buyer's link
        self.authenticate("access_survey_clerk", "access_survey_clerk")
        page = self.url_open(mine.get_start_url())
        self.assertIn("Survey Access Error", page.text)
