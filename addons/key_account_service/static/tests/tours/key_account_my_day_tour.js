import { registry } from "@web/core/registry";

// An account manager logs in and lands on his day, not on Discuss.
registry.category("web_tour.tours").add("key_account_my_day_tour", {
  url: "/odoo",
  steps: () => [
    {
      content: "Home is my day: today's contact of my account",
      trigger:
        ".o_form_view .o_field_widget[name='visit_ids'] .o_data_row td:contains('Home Freight Co.')",
    },
    {
      content: "with the app's menu bar",
      trigger: ".o_main_navbar .o_menu_brand:contains('Key Accounts')",
    },
    {
      content: "Open the contact in full to report it",
      trigger:
        ".o_field_widget[name='visit_ids'] .o_data_row button[name='action_open_form']",
      run: "click",
    },
    {
      trigger: ".o_form_view button[name='action_done']",
    },
  ],
});
