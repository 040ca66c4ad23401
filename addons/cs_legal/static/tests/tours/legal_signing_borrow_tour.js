import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";

registry.category("web_tour.tours").add("legal_signing_borrow_tour", {
  url: "/odoo",
  steps: () => [
    ...openMenu("cs_legal.cs_legal_menu_root", "cs_legal.legal_signing_report_menu"),
    {
      trigger: ".o_data_row td[name='company_id']",
      run: "click",
    },
    {
      trigger: "button[name='action_view_unsigned']",
      run: "click",
    },
    {
      trigger: ".o_data_row td[name='name']:contains('Tour Unsigned Co.')",
    },
    {
      trigger: '.o_menu_sections [data-menu-xmlid="cs_legal.legal_archive_menu_root"]',
      run: "click",
    },
    {
      trigger: '.dropdown-item[data-menu-xmlid="cs_legal.legal_archive_menu"]',
      run: "click",
    },
    {
      trigger: ".o_data_row td[name='title']:contains('Tour Opinion')",
      run: "click",
    },
    {
      trigger: "button[name='action_borrow']",
      run: "click",
    },
    {
      trigger: ".modal .o_field_widget[name='purpose'] input",
      run: "edit Hearing preparation",
    },
    {
      trigger: ".modal .o_form_button_save",
      run: "click",
    },
    {
      trigger: "body:not(:has(.modal))",
    },
  ],
});
