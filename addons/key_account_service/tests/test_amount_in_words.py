from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install", "key_account_service")
class TestAmountInWords(TransactionCase):
    """RMB in Chinese uppercase (大写金额) on every document; other currencies
    keep Odoo's words."""

    def test_rmb_is_written_in_chinese_uppercase(self):
        cny = self.env.ref("base.CNY")
        for amount, words in (
            (0, "人民币零元整"),
            (0.05, "人民币伍分"),
            (10, "人民币壹拾元整"),
            (10.5, "人民币壹拾元伍角整"),
            (100000, "人民币壹拾万元整"),
            (1000000.01, "人民币壹佰万元零壹分"),
            (300, "人民币叁佰元整"),
            (1.05, "人民币壹元零伍分"),
            (0.1 + 0.2, "人民币叁角整"),
            (1234.565, "人民币壹仟贰佰叁拾肆元伍角柒分"),
        ):
            with self.subTest(amount=amount):
                self.assertEqual(cny.amount_in_words(amount), words)

    def test_other_currencies_keep_odoo_words(self):
        usd = self.env.ref("base.USD")
        self.assertEqual(usd.amount_in_words(300), usd.amount_to_text(300))
        self.assertNotIn("元", usd.amount_in_words(300))
