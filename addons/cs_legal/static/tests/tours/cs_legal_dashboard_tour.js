import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";

// The app opens on its dashboard: four panels, the list panel showing live rows.
registry.category("web_tour.tours").add("cs_legal_dashboard_tour", {
  url: "/odoo",
  steps: () => [
    ...openMenu("cs_legal.cs_legal_menu_root"),
    {
      trigger: ".o-dashboard-action-header:contains('Signing Rate by Branch')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Contracts by State')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Cases by Stage')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Archives out on Loan')",
    },
    {
      trigger: ".o-dashboard-action .o_graph_renderer canvas",
    },
    {
      content: "Only archives still out are listed: the returned one is not",
      trigger:
        ".o-dashboard-action:has(.o_data_cell:contains('Dash Archive')):not(:has(.o_data_cell:contains('Dash Returned')))",
    },
    {
      trigger:
        ".o-dashboard-action .o_data_row td.o_data_cell:contains('Dash Archive')",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='archive_id']:contains('Dash Archive')",
    },
  ],
});
