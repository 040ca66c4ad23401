import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";
import {
  confirmReason,
  openIncidents,
  toApproval,
} from "@courier_claims/../tests/tours/courier_incident_tour";

// A handler registers an incident the Wuxi branch bears, and its allocation.
registry.category("web_tour.tours").add("courier_recovery_register_tour", {
  url: "/odoo",
  steps: () => [
    ...openIncidents(),
    {
      trigger: ".o_list_button_add",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='partner_id'] input",
      run: "edit Tour Recovery Textiles",
    },
    {
      trigger: ".o-autocomplete--dropdown-item:contains('Tour Recovery Textiles')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='waybill'] input",
      run: "edit ZT20261201",
    },
    {
      trigger: ".o_field_widget[name='kind'] select",
      run: 'select "loss"',
    },
    {
      trigger: ".o_field_widget[name='claimed_amount'] input",
      run: "edit 1200",
    },
    {
      content: "the first report the person involved gave",
      trigger: ".o_notebook a[name='first_report']",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='event_place'] input",
      run: "edit Wuxi hub, belt 2",
    },
    {
      trigger: ".o_field_widget[name='pieces'] input",
      run: "edit 3",
    },
    {
      trigger: ".o_field_widget[name='first_loss_estimate'] input",
      run: "edit 1200",
    },
    {
      trigger: ".o_notebook a[name='responsibility']",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='responsibility'] select",
      run: 'select "internal"',
    },
    {
      trigger: ".o_field_widget[name='responsible_company_id'] input",
      run: "edit Tour Recovery Wuxi",
    },
    {
      // the filtered list, not the one the field shows on focus
      trigger:
        ".o-autocomplete--dropdown-menu:not(:has(.o-autocomplete--dropdown-item:contains('Swift Express'))) .o-autocomplete--dropdown-item:contains('Tour Recovery Wuxi')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='share_ids'] .o_field_x2many_list_row_add a",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='share_ids'] .o_data_row .o_field_widget[name='party_type'] select",
      run: 'select "branch"',
    },
    {
      trigger:
        ".o_field_widget[name='share_ids'] .o_data_row .o_field_widget[name='branch_id'] input",
      run: "edit Tour Recovery Wuxi",
    },
    {
      // the filtered list, not the one the field shows on focus
      trigger:
        ".o-autocomplete--dropdown-menu:not(:has(.o-autocomplete--dropdown-item:contains('Swift Express'))) .o-autocomplete--dropdown-item:contains('Tour Recovery Wuxi')",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='share_ids'] .o_data_row .o_field_widget[name='percent'] input",
      run: "edit 100",
    },
    {
      trigger: ".o_form_button_save",
      run: "click",
    },
    {
      content: "the plan waits for its approval",
      trigger: ".o_field_widget[name='allocation_state']:contains('To Approve')",
    },
    ...toApproval(
      "Parcel lost at the Wuxi hub",
      "The Wuxi scan is the last one",
      "Customer accepts 1200 for the lost parcel",
    ),
  ],
});

// Compensation and plan approved, the handler raises the recovery and sends it.
registry.category("web_tour.tours").add("courier_recovery_raise_tour", {
  url: "/odoo",
  steps: () => [
    ...openIncidents(),
    {
      content: "approved incidents are not open any more: drop the filter",
      trigger: ".o_searchview_facet:contains('Open') .o_facet_remove",
      run: "click",
    },
    {
      trigger: ".o_data_row td[name='waybill']:contains('ZT20261201')",
      run: "click",
    },
    {
      trigger: ".o_form_statusbar button[name='action_raise_recoveries']",
      run: "click",
    },
    {
      trigger:
        ".o_field_widget[name='responsible_company_id']:contains('Tour Recovery Wuxi')",
    },
    {
      trigger: ".o_form_statusbar button[name='action_send']",
      run: "click",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Sent')",
    },
  ],
});

// The Wuxi branch's CS manager finds the recovery raised against it and accepts it.
registry.category("web_tour.tours").add("courier_recovery_accept_tour", {
  url: "/odoo",
  steps: () => [
    ...openMenu(
      "courier_claims.courier_claims_menu_root",
      "courier_claims.courier_claims_menu_reporting",
      "courier_claims.courier_incident_recovery_menu",
    ),
    {
      trigger: ".o_searchview_dropdown_toggler",
      run: "click",
    },
    {
      trigger: ".o_filter_menu .o_menu_item:contains('Awaiting My Answer')",
      run: "click",
    },
    {
      trigger: ".o_data_row td[name='waybill']:contains('ZT20261201')",
      run: "click",
    },
    {
      trigger: ".o_form_statusbar button:contains('Accept')",
      run: "click",
    },
    ...confirmReason("The parcel was lost at our hub"),
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Accepted')",
    },
  ],
});
