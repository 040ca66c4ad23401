import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";

// The app opens on its dashboard: five panels, the list panel showing live rows,
// an empty panel what to do next.
registry.category("web_tour.tours").add("courier_claims_dashboard_tour", {
  url: "/odoo",
  steps: () => [
    ...openMenu("courier_claims.courier_claims_menu_root"),
    {
      trigger: ".o-dashboard-action-header:contains('Open Incidents by Deadline Step')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Incidents by Month and Severity')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Compensation Paid out by Month')",
    },
    {
      trigger:
        ".o-dashboard-action-header:contains('Call Centre: Service Level by Day')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Open Complaints')",
    },
    {
      trigger: ".o-dashboard-action .o_graph_renderer canvas",
    },
    {
      // nothing paid out in the branch yet: the panel says what to do next
      trigger:
        ".o-dashboard-action:contains('Compensation Paid out by Month') .o_view_nocontent:contains('Payout tab')",
    },
    {
      trigger:
        ".o-dashboard-action .o_data_row td.o_data_cell:contains('Dash Complaint Co.')",
      run: "click",
    },
    {
      // an open complaint is editable: the customer sits in an input
      trigger: ".o_form_view .o_field_widget[name='partner_id'] input",
      run() {
        const customer = this.anchor.value;
        if (customer !== "Dash Complaint Co.") {
          throw new Error(`Opened the complaint of ${customer}`);
        }
      },
    },
  ],
});
