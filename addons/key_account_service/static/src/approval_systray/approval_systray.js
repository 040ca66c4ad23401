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
    // on each page, and when an activity of the user comes or goes
    useBus(this.env.bus, "ACTION_MANAGER:UI-UPDATED", () => this.refresh());
    useService("bus_service").subscribe("mail.activity/updated", () => this.refresh());
  }

  async refresh() {
    this.state.count = await this.orm.call(
      "mail.activity",
      "key_account_approval_count",
      [],
    );
  }

  async open() {
    this.action.doAction(
      await this.orm.call("mail.activity", "action_key_account_approvals", []),
      { clearBreadcrumbs: true },
    );
  }
}

registry
  .category("systray")
  .add(
    "key_account_service.approval_systray",
    { Component: ApprovalSystray },
    { sequence: 30 },
  );
