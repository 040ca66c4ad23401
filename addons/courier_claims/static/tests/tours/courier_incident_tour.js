import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";

export function openIncidents() {
  return [
    ...openMenu(
      "courier_claims.courier_claims_menu_root",
      "courier_claims.courier_incident_menu",
    ),
    {
      trigger: ".o_last_breadcrumb_item:contains('Service Incidents')",
    },
  ];
}

export function confirmReason(reason) {
  return [
    {
      trigger: ".modal .o_field_widget[name='reason'] textarea",
      run: `edit ${reason}`,
    },
    {
      trigger: ".modal button[name='action_confirm']",
      run: "click",
    },
  ];
}

function nextStep(button, reason, state) {
  return [
    {
      trigger: `.o_form_statusbar button:contains('${button}')`,
      run: "click",
    },
    ...confirmReason(reason),
    {
      trigger: `.o_statusbar_status button.o_arrow_button_current:contains('${state}')`,
    },
  ];
}

// Investigate, negotiate and submit for approval, with what was found, agreed
// and accepted.
export function toApproval(found, agreed, accepted) {
  return [
    ...nextStep("Investigate", found, "Investigating"),
    ...nextStep("Negotiate", agreed, "Negotiating"),
    ...nextStep("Submit for Approval", accepted, "Awaiting Approval"),
  ];
}

// A handler registers a damage incident and takes it to approval.
registry.category("web_tour.tours").add("courier_incident_register_tour", {
  url: "/odoo",
  steps: () => [
    ...openIncidents(),
    {
      trigger: ".o_list_button_add",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='partner_id'] input",
      run: "edit Tour Ceramics",
    },
    {
      trigger: ".o-autocomplete--dropdown-item:contains('Tour Ceramics Co.')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='waybill'] input",
      run: "edit ZT20261122",
    },
    {
      trigger: ".o_field_widget[name='kind'] select",
      run: 'select "damage"',
    },
    {
      trigger: ".o_field_widget[name='claimed_amount'] input",
      run: "edit 800 && click body",
    },
    {
      content: "800 of damage is a general incident",
      trigger: ".o_field_widget[name='severity']:contains('General')",
    },
    {
      content: "the first report of the person involved",
      trigger: ".o_notebook a[name='first_report']",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='event_place'] input",
      run: "edit Suzhou hub, dock 3",
    },
    {
      trigger: ".o_field_widget[name='pieces'] input",
      run: "edit 2",
    },
    {
      trigger: ".o_field_widget[name='weight'] input",
      run: "edit 12.5",
    },
    {
      trigger: ".o_form_button_save",
      run: "click",
    },
    ...toApproval(
      "Vase broken in the carton, photos taken",
      "Packing was ours: we owe the customer",
      "Customer accepts 800 for the vase",
    ),
  ],
});

// The branch manager approves it and prints the payout voucher.
registry.category("web_tour.tours").add("courier_incident_approve_tour", {
  url: "/odoo",
  steps: () => [
    ...openIncidents(),
    {
      trigger: ".o_data_row td[name='waybill']:contains('ZT20261122')",
      run: "click",
    },
    {
      trigger: ".o_form_statusbar button[name='action_approve']",
      run: "click",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Approved')",
    },
    {
      trigger: ".o_form_statusbar button:contains('Print Voucher')",
      run: "click",
    },
  ],
});
