from odoo import api, models

SERIOUS = ("major", "extraordinary")


class CourierIncident(models.Model):
    """What an incident means for a key account (key_account_service hooks).

    Every incident counts toward the apology visits the account is owed; a
    major or extraordinary one opens (or aggravates) its warning case.
    """

    # one concern per file keeps the incident model readable
    _inherit = "courier.incident"  # pylint: disable=consider-merging-classes-inherited

    @api.model_create_multi
    def create(self, vals_list):
        incidents = super().create(vals_list)
        incidents._plan_key_account_apologies()
        incidents.filtered(lambda i: i.severity in SERIOUS)._warn_key_account()
        return incidents

    def write(self, vals):
        before = {incident: incident.severity for incident in self}
        res = super().write(vals)
        rank = ["general", *SERIOUS].index
        self.filtered(
            lambda i: (
                i.severity in SERIOUS
                and rank(i.severity) > rank(before[i] or "general")
            )
        )._warn_key_account()
        return res

    def _key_account(self):
        partner = self.partner_id.commercial_partner_id
        return partner if partner.is_key_account else partner.browse()

    def _plan_key_account_apologies(self):
        """Apologies per N incidents this year (KA-2), as superuser: the handler
        registering an incident need not manage key-account contacts."""
        for incident in self:
            partner = incident._key_account()
            if not partner:
                continue
            since = incident.incident_date.date().replace(month=1, day=1)
            count = self.sudo().search_count(
                [
                    ("partner_id", "child_of", partner.id),
                    ("incident_date", ">=", since),
                    ("state", "!=", "rejected"),
                ]
            )
            self.env["key.account.visit"].sudo()._plan_incident_apologies(
                partner, count, since
            )

    def _warn_key_account(self):
        for incident in self:
            partner = incident._key_account()
            if not partner:
                continue
            self.env["key.account.warning"].sudo().open_case(
                partner,
                "major_incident",
                "serious" if incident.severity == "extraordinary" else "warning",
                note=self.env._(
                    "%(incident)s: %(kind)s of %(amount)s on waybill %(waybill)s.",
                    incident=incident.name,
                    kind=dict(
                        incident._fields["kind"]._description_selection(self.env)
                    )[incident.kind],
                    amount=incident.compensation,
                    waybill=incident.waybill or "",
                ),
                source_ref=incident.name,
            )
