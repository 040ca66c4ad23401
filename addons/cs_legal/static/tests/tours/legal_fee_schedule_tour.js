import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("legal_fee_schedule_tour", {
  url: "/odoo",
  steps: () => [
    stepUtils.showAppsMenuItem(),
    {
      trigger: '.o_app[data-menu-xmlid="cs_legal.cs_legal_menu_root"]',
      run: "click",
    },
    {
      trigger: '.o_menu_sections [data-menu-xmlid="cs_legal.cs_legal_menu_config"]',
      run: "click",
    },
    {
      trigger: '.dropdown-item[data-menu-xmlid="cs_legal.legal_fee_schedule_menu"]',
      run: "click",
    },
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
