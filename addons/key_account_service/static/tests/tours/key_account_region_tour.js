import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

registry.category("web_tour.tours").add("key_account_region_tour", {
  url: "/odoo",
  steps: () => [
    stepUtils.showAppsMenuItem(),
    {
      trigger:
        '.o_app[data-menu-xmlid="key_account_service.key_account_service_menu_root"]',
      run: "click",
    },
    {
      trigger:
        '.o_menu_sections [data-menu-xmlid="key_account_service.key_account_service_menu_config"]',
      run: "click",
    },
    {
      trigger:
        '.dropdown-item[data-menu-xmlid="key_account_service.key_account_region_menu"]',
      run: "click",
    },
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
