import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";

function openStatement(name) {
  return [
    ...openMenu(
      "key_account_service.key_account_service_menu_root",
      "key_account_service.key_account_commission_menu_root",
    ),
    {
      trigger:
        '.o-dropdown-item[data-menu-xmlid="key_account_service.key_account_commission_statement_menu"]',
      run: "click",
    },
    {
      trigger: ".o_last_breadcrumb_item:contains('Commission Statements')",
    },
    {
      trigger: `.o_data_row td[name='name']:contains('${name}')`,
      run: "click",
    },
  ];
}

// An account manager checks their month and confirms the statement.
registry.category("web_tour.tours").add("key_account_commission_confirm_tour", {
  url: "/odoo",
  steps: () => [
    ...openStatement("COM/"),
    {
      content: "The adjustment is on the statement",
      trigger:
        ".o_field_widget[name='line_ids'] td:contains('Q1 national account win')",
    },
    {
      trigger: ".o_field_widget[name='commission']:contains('150.00')",
    },
    {
      trigger: "button[name='action_confirm']",
      run: "click",
    },
    {
      trigger:
        ".o_statusbar_status button.o_arrow_button_current:contains('Confirmed')",
    },
  ],
});

// The customer-service manager approves it: from then on it is locked.
registry.category("web_tour.tours").add("key_account_commission_approve_tour", {
  url: "/odoo",
  steps: () => [
    ...openStatement("COM/"),
    {
      trigger: "button[name='action_approve']",
      run: "click",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Approved')",
    },
    {
      trigger: ".ribbon:contains('Locked')",
    },
  ],
});
