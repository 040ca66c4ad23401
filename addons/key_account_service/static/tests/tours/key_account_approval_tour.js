import { registry } from "@web/core/registry";

// A regional manager finds the handover waiting for her in the systray's
// "Awaiting My Approval" counter, opens it from the list and approves it.
registry.category("web_tour.tours").add("key_account_approval_tour", {
  url: "/odoo",
  steps: () => [
    {
      trigger:
        ".o_key_account_approval_systray .o_key_account_approval_count:contains('1')",
    },
    {
      trigger: ".o_key_account_approval_systray button",
      run: "click",
    },
    {
      trigger: ".o_data_row:contains('Tour Approval Co.') td.o_data_cell",
      run: "click",
    },
    {
      trigger: ".o_form_view button[name='action_approve']",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='state'] .o_arrow_button_current:contains('Approved')",
    },
    {
      trigger: ".breadcrumb-item a:contains('Awaiting My Approval')",
      run: "click",
    },
    {
      trigger: ".o_view_nocontent",
    },
    {
      // nothing waits any more: the counter is gone
      trigger: ".o_menu_systray:not(:has(.o_key_account_approval_systray))",
    },
  ],
});
