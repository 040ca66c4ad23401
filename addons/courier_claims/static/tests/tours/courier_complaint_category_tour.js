import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";

registry.category("web_tour.tours").add("courier_complaint_category_tour", {
  url: "/odoo",
  steps: () => [
    ...openMenu(
      "courier_claims.courier_claims_menu_root",
      "courier_claims.courier_claims_menu_config",
      "courier_claims.courier_complaint_category_menu",
    ),
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
