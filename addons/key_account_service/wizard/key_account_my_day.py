from odoo import api, fields, models

# What an account manager still has to do: planned contacts, and missed ones
# that can still be done (a missed contact is a planned one past its grace).
OPEN_VISIT_STATES = ("planned", "missed")


class KeyAccountMyDay(models.TransientModel):
    """An account manager's home: today's and overdue contacts of his accounts,
    their open warnings and his statements to confirm.

    A fresh record per opening (``action_open``); its lists are computed with
    the user's own rights and active companies.
    """

    _name = "key.account.my.day"
    _description = "Key Account Manager's Day"
    _rec_name = "date"
    # kept for the working day: a tab left open returns to it through the breadcrumbs
    _transient_max_hours = 24.0

    # Whose day: who opened it, never a field one could set to someone else.
    user_id = fields.Many2one(related="create_uid", string="Account Manager")
    date = fields.Date(default=fields.Date.context_today, readonly=True, required=True)
    visit_ids = fields.Many2many(
        "key.account.visit",
        string="Contacts Today and Overdue",
        compute="_compute_lists",
    )
    today_count = fields.Integer(string="Due Today", compute="_compute_lists")
    overdue_count = fields.Integer(string="Overdue", compute="_compute_lists")
    warning_ids = fields.Many2many(
        "key.account.warning", string="Open Warnings", compute="_compute_lists"
    )
    warning_count = fields.Integer(string="Warnings", compute="_compute_lists")
    statement_ids = fields.Many2many(
        "key.account.commission.statement",
        string="Statements to Confirm",
        compute="_compute_lists",
    )
    statement_count = fields.Integer(string="To Confirm", compute="_compute_lists")

    def _compute_display_name(self):
        for day in self:
            day.display_name = self.env._("My Day")

    @api.model
    def _visit_domain(self, user, day):
        """Not done, due today or before, on the user's accounts or his own."""
        return [
            ("state", "in", OPEN_VISIT_STATES),
            ("date_planned", "<=", day),
            "|",
            ("user_id", "=", user.id),
            ("partner_id.key_account_manager_id", "=", user.id),
        ]

    @api.model
    def _warning_domain(self, user):
        return [("state", "=", "open"), ("account_manager_id", "=", user.id)]

    @api.model
    def _statement_domain(self, user):
        return [("state", "=", "draft"), ("user_id", "=", user.id)]

    @api.depends("create_uid", "date")
    def _compute_lists(self):
        Visit = self.env["key.account.visit"]
        Warning = self.env["key.account.warning"]
        Statement = self.env["key.account.commission.statement"]
        for day in self:
            visits = Visit.search(
                self._visit_domain(day.user_id, day.date),
                order="date_planned desc, id",
            )
            day.visit_ids = visits
            day.today_count = len(
                visits.filtered(lambda v, d=day: v.date_planned == d.date)
            )
            day.overdue_count = len(visits) - day.today_count
            day.warning_ids = Warning.search(self._warning_domain(day.user_id))
            day.warning_count = len(day.warning_ids)
            day.statement_ids = Statement.search(self._statement_domain(day.user_id))
            day.statement_count = len(day.statement_ids)

    @api.model
    def action_open(self):
        """The home action of account managers: a new day record, in its form."""
        day = self.create({})
        home = self.env.ref("key_account_service.key_account_my_day_action")
        return {
            # the menu's action: the web client shows the app's menu bar with it
            "id": home.id,
            "type": "ir.actions.act_window",
            "name": self.env._("My Day"),
            "res_model": self._name,
            "res_id": day.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("key_account_service.key_account_my_day_view_form").id,
                    "form",
                )
            ],
            "target": "current",
        }
