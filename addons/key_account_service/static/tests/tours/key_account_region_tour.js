import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";

registry.category("web_tour.tours").add("key_account_region_tour", {
  url: "/odoo",
  steps: () => [
    ...openMenu(
      "key_account_service.key_account_service_menu_root",
      "key_account_service.key_account_service_menu_config",
      "key_account_service.key_account_region_menu",
    ),
    {
      trigger: ".o_list_button_add",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='name'] input",
      run: "edit Tour Region South",
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
