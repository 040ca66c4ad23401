import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";

// A regional manager opens a serious warning, logs an action and closes it.
registry.category("web_tour.tours").add("key_account_warning_tour", {
  url: "/odoo",
  steps: () => [
    ...openMenu(
      "key_account_service.key_account_service_menu_root",
      "key_account_service.key_account_warning_menu",
    ),
    {
      trigger: ".o_data_row td[name='partner_id']:contains('Tour Express Co.')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='level']:contains('Serious')",
    },
    {
      trigger: "button.o-mail-Chatter-logNote",
      run: "click",
    },
    {
      trigger: ".o-mail-Composer-input",
      run: "edit Called their logistics director: a recovery plan is agreed.",
    },
    {
      trigger: ".o-mail-Composer-send:enabled",
      run: "click",
    },
    {
      trigger: ".o-mail-Message:contains('recovery plan is agreed')",
    },
    {
      trigger: ".o_field_widget[name='close_note'] textarea",
      run: "edit Volumes are back since the new pickup slot.",
    },
    {
      trigger: "button[name='action_close_recovered']",
      run: "click",
    },
    {
      trigger:
        ".o_statusbar_status button.o_arrow_button_current:contains('Recovered')",
    },
  ],
});
