import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useBus, useService } from "@web/core/utils/hooks";

/**
 * "Awaiting My Approval" in the systray, beside the activities: how many
 * records wait for the user's approval across the apps (handovers,
 * statements, incidents, borrowings, contracts), one click to the list.
 * Odoo menus carry no counter; the systray is where Odoo puts counts.
 * Hidden while nothing waits.
 */
export class ApprovalSystray extends Component {
  static template = "key_account_service.ApprovalSystray";
  static props = {};

  setup() {
    this.orm = useService("orm");
    this.action = useService("action");
    this.state = useState({ count: 0 });
    onWillStart(() => this.refresh());
    // after each step (an approval, a submission), as the activity menu does
    useBus(this.env.bus, "ACTION_MANAGER:UI-UPDATED", () => this.refresh());
  }

  async refresh() {
    this.state.count = await this.orm.call(
      "mail.activity",
      "key_account_approval_count",
      [],
    );
  }

  open() {
    this.action.doAction("key_account_service.key_account_approval_activity_action", {
      clearBreadcrumbs: true,
    });
  }
}

registry
  .category("systray")
  .add(
    "key_account_service.approval_systray",
    { Component: ApprovalSystray },
    { sequence: 30 },
  );
