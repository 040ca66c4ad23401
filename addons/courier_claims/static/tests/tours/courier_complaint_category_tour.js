import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("courier_complaint_category_tour", {
  url: "/odoo",
  steps: () => [
    stepUtils.showAppsMenuItem(),
    {
      trigger: '.o_app[data-menu-xmlid="courier_claims.courier_claims_menu_root"]',
      run: "click",
    },
    {
      trigger:
        '.o_menu_sections [data-menu-xmlid="courier_claims.courier_claims_menu_config"]',
      run: "click",
    },
    {
      trigger:
        '.dropdown-item[data-menu-xmlid="courier_claims.courier_complaint_category_menu"]',
      run: "click",
    },
    {
      trigger: ".o_data_row td[name='name']:contains('No Feedback')",
      run: "click",
    },
    {
      trigger: ".o_selected_row .o_field_widget[name='name'] input",
      run: "edit No Feedback Given",
    },
    {
      trigger: ".o_list_button_save",
      run: "click",
    },
    {
      trigger: ".o_data_row td[name='name']:contains('No Feedback Given')",
    },
  ],
});
