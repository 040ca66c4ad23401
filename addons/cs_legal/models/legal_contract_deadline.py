from odoo import Command, api, fields, models

MANAGER = "cs_legal.cs_legal_group_manager"


class LegalContractDeadline(models.Model):
    """A contract's legal review as a step of the one deadline clock: due the
    company's review hours of working time after the request; its reviewers
    hold its activity, the legal managers hear when it is overdue."""

    _name = "legal.contract.deadline"
    _inherit = ["deadline.step.mixin"]
    _description = "Contract Review Deadline"
    _order = "due, id"
    _deadline_record_field = "contract_id"
    # The review's activity is its reviewers' approval activity: the contract
    # waits in their "Awaiting My Approval" list (approval.activity.mixin).
    _deadline_activity_type = "key_account_service.mail_act_approval"
    _deadline_overdue_activity_type = "cs_legal.mail_act_legal_contract_review_overdue"

    contract_id = fields.Many2one(
        "legal.contract", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="contract_id.company_id", store=True)

    @api.depends("contract_id")
    def _compute_display_name(self):
        for step in self:
            step.display_name = step._deadline_label()

    def _deadline_label(self):
        return self.env._("Review %(contract)s", contract=self.contract_id.name or "")

    def _deadline_assignees(self):
        contract = self.contract_id
        return contract.reviewer_id or contract._legal_reviewers(contract.company_id)

    def _deadline_escalation_users(self):
        return self._deadline_group_users(self.env.ref(MANAGER).sudo())

    def _schedule(self):
        """Link the reviewers' approval activities, which the contract keeps in
        step (``_approval_sync``) in each reviewer's language and time zone."""
        for step in self:
            users = step._deadline_assignees()
            activities = step.contract_id._approval_activities().filtered(
                lambda a, users=users: a.user_id in users
            )
            step.activity_ids = [Command.set(activities.ids)]

    def _mark_done(self, feedback=None):
        # Its activities are the approval's, which _approval_sync closes (the
        # reviewer's done, the others' gone): let go of them first.
        self.filtered(lambda s: not s.done_date).activity_ids = [Command.clear()]
        steps = super()._mark_done(feedback=feedback)
        # the alerts of a late review go with it: nothing is left to chase
        steps.contract_id.activity_unlink([self._deadline_overdue_activity_type])
        return steps
