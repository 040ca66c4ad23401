"""Existing databases: severity follows the loss, and the insurance ladder
reads 000 section 3.4 right (CL-2, CL-5).

The deadline steps are noupdate data, copied to each headquarters: every step
still bearing a shipped name and wiring is renamed and re-wired. The 5 working
days are the branch CS staff's handling proposal and penalty opinion (the
handler marks it done), the two months the customer paid (done when the
incident is paid). Renamed steps lose their old translations, which named the
insurer; the catalogue fills the new ones. Insured incidents already paid get
their customer-paid step done. Severity is recomputed on the loss (the claimed
amount until a loss is entered); open incidents that became serious get the
steps and the key-account warning a raised severity brings.
"""

from odoo import SUPERUSER_ID, api

PROPOSAL = (
    "Obtain the insurer's proposal",
    "Propose handling and penalty to branch manager and HQ",
)
PAID = ("Collect the insurer's payment", "Pay the customer (insured)")


def _rewire(cr, names, old_insurance_state, done_state):
    old, new = names
    cr.execute(
        """
        UPDATE courier_deadline_rule
           SET name = jsonb_build_object('en_US', %s::text),
               done_insurance_state = NULL,
               done_state = %s
         WHERE name->>'en_US' = %s
           AND applies_to = 'insured'
           AND done_insurance_state = %s
        RETURNING id
        """,
        (new, done_state, old, old_insurance_state),
    )
    return [row[0] for row in cr.fetchall()]


def migrate(cr, version):
    _rewire(cr, PROPOSAL, "proposal", None)
    paid_rules = _rewire(cr, PAID, "settled", "paid")
    env = api.Environment(cr, SUPERUSER_ID, {})
    if paid_rules:
        steps = env["courier.incident.deadline"].search(
            [
                ("rule_id", "in", paid_rules),
                ("done_date", "=", False),
                ("incident_id.state", "in", ("paid", "closed")),
            ]
        )
        steps._mark_done()

    Incident = env["courier.incident"].with_context(active_test=False)
    incidents = Incident.search([])
    before = {incident.id: incident.severity for incident in incidents}
    env.add_to_compute(Incident._fields["severity"], incidents)
    incidents._recompute_recordset(["severity"])
    rank = ["general", "major", "extraordinary"].index
    raised = incidents.filtered(
        lambda i: (
            i.state in ("reported", "investigating", "negotiating", "awaiting_approval")
            and i.severity in ("major", "extraordinary")
            and rank(i.severity) > rank(before[i.id] or "general")
        )
    )
    raised._plan_deadlines()
    raised._on_severity_raised()
