def migrate(cr, version):
    """Approvals now hold for the amount approved: existing ones were given for
    the incident's compensation as it stands. Insured registers gain a state:
    those with a submission date are submitted."""
    cr.execute(
        "ALTER TABLE courier_incident_approval ADD COLUMN IF NOT EXISTS amount numeric"
    )
    cr.execute(
        """
        UPDATE courier_incident_approval approval
           SET amount = incident.compensation
          FROM courier_incident incident
         WHERE incident.id = approval.incident_id AND approval.amount IS NULL
        """
    )
    cr.execute(
        "ALTER TABLE courier_insured_register ADD COLUMN IF NOT EXISTS state varchar"
    )
    cr.execute(
        """
        UPDATE courier_insured_register
           SET state = CASE WHEN submitted_date IS NULL THEN 'draft'
                            ELSE 'submitted' END
         WHERE state IS NULL
        """
    )
