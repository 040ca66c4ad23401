import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";

// A manager opens his day, then a key account, sees this month's plan, and
// records a visit.
registry.category("web_tour.tours").add("key_account_visit_tour", {
  url: "/odoo",
  steps: () => [
    ...openMenu("key_account_service.key_account_service_menu_root"),
    {
      content: "The app opens on its dashboard; open my day",
      trigger:
        '.o_menu_sections [data-menu-xmlid="key_account_service.key_account_visit_menu_root"]',
      run: "click",
    },
    {
      trigger:
        '.dropdown-item[data-menu-xmlid="key_account_service.key_account_my_day_menu"]',
      run: "click",
    },
    {
      content: "Today's contact of my account is on my day",
      trigger:
        ".o_field_widget[name='visit_ids'] .o_data_row td:contains('Tour Logistics Co.')",
    },
    {
      content: "Go to the accounts",
      trigger:
        '.o_menu_sections [data-menu-xmlid="key_account_service.res_partner_menu_key_account"]',
      run: "click",
    },
    {
      trigger: ".o_data_row td[name='name']:contains('Tour Logistics Co.')",
      run: "click",
    },
    {
      trigger: ".o_notebook .nav-link:contains('Key Account')",
      run: "click",
    },
    {
      content: "This month's plan is on the account",
      trigger:
        ".o_field_widget[name='key_account_open_visit_ids'] .o_data_row td:contains('Phone Call')",
    },
    {
      trigger: "button[name='action_view_key_account_visits']",
      run: "click",
    },
    {
      content: "Wait for the account's contacts, not the form's own list",
      trigger: ".o_last_breadcrumb_item:contains('All Contacts')",
    },
    {
      trigger:
        ".o_data_row td[name='contact_type_id']:contains('Institutional Meeting')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='contact_name'] input",
      run: "edit Mr Wang, logistics director",
    },
    {
      trigger: ".o_field_html[name='report'] div.o-paragraph",
      run: "editor Wants earlier pickups from the Xiaoshan warehouse.",
    },
    {
      trigger: "button[name='action_done']",
      run: "click",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
    },
  ],
});
