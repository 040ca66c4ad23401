"""Fixtures shared by the tests of the security probe's root causes."""

from .common import KeyAccountServiceCommon


class ProbeStatementCommon(KeyAccountServiceCommon):
    """Statements created by a customer-service manager, as the probe did."""

    def _statement(self, month="2026-11-01", user=None, **vals):
        return (
            self.env["key.account.commission.statement"]
            .with_user(self.cs_manager)
            .create(
                {
                    "month": month,
                    "user_id": (user or self.account_manager).id,
                    "company_id": self.branch.id,
                    **vals,
                }
            )
        )
