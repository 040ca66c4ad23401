import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";

registry.category("web_tour.tours").add("legal_fee_schedule_tour", {
  url: "/odoo",
  steps: () => [
    ...openMenu(
      "cs_legal.cs_legal_menu_root",
      "cs_legal.cs_legal_menu_config",
      "cs_legal.legal_fee_schedule_menu",
    ),
    {
      trigger: ".o_data_row td[name='name']:contains('National Schedule')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='sample_amount'] input",
      run: "edit 250000 && click body",
    },
    {
      trigger: ".o_field_widget[name='sample_fee']:contains('5,050.00')",
    },
    {
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      trigger: ".o_form_saved",
    },
  ],
});
