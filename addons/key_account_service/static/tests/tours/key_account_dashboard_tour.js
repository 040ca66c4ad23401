import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// The app opens on its dashboard: four panels, the list panel showing live rows.
registry.category("web_tour.tours").add("key_account_dashboard_tour", {
  url: "/odoo",
  steps: () => [
    stepUtils.showAppsMenuItem(),
    {
      trigger:
        '.o_app[data-menu-xmlid="key_account_service.key_account_service_menu_root"]',
      run: "click",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Key Accounts by Band')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Open Warnings')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Contact Compliance by Month')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Revenue Trend')",
    },
    {
      trigger: ".o-dashboard-action .o_graph_renderer canvas",
    },
    {
      trigger:
        ".o-dashboard-action .o_data_row td.o_data_cell:contains('Dash Express Co.')",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='partner_id']:contains('Dash Express Co.')",
    },
  ],
});
