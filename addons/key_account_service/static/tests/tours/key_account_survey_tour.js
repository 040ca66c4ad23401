import { registry } from "@web/core/registry";
import { openMenu } from "@key_account_service/../tests/tour_steps";

// A customer-service manager launches a satisfaction campaign.
registry.category("web_tour.tours").add("key_account_survey_campaign_tour", {
  url: "/odoo",
  steps: () => [
    ...openMenu(
      "key_account_service.key_account_service_menu_root",
      "key_account_service.key_account_visit_menu_root",
      "key_account_service.key_account_survey_campaign_menu",
    ),
    {
      trigger: ".o_list_button_add",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='name'] input",
      run: "edit Tour satisfaction survey",
    },
    {
      trigger: "button[name='action_send']",
      run: "click",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Sent')",
    },
    {
      trigger: ".o_field_widget[name='line_ids'] td:contains('Tour Survey Co.')",
    },
  ],
});

// The customer's contact answers on the survey's public page: neutral on
// every question, a suggestion.
const QUESTIONS = [
  "Service attitude",
  "Pick-up and delivery on time",
  "Handling of damage and loss",
  "Handling of complaints",
  "Accuracy of billing",
  "Overall satisfaction",
];
registry.category("web_tour.tours").add("key_account_survey_answer_tour", {
  steps: () => [
    {
      trigger: 'button.btn:contains("Start")',
      run: "click",
    },
    ...QUESTIONS.map((question) => ({
      trigger: `div.js_question-wrapper:contains("${question}") label:contains("Neutral")`,
      run: "click",
    })),
    {
      trigger: 'div.js_question-wrapper:contains("Your suggestions") textarea',
      run: "edit Pickups on Saturdays come late.",
    },
    {
      trigger: 'button[value="finish"]',
      run: "click",
    },
    {
      trigger: ".o_survey_finished h1:contains('Thank you!'):not(:contains('scored'))",
    },
  ],
});

// The account manager sees the score on the account and records the
// return visit.
registry.category("web_tour.tours").add("key_account_survey_callback_tour", {
  url: "/odoo",
  steps: () => [
    ...openMenu(
      "key_account_service.key_account_service_menu_root",
      "key_account_service.res_partner_menu_key_account",
    ),
    {
      trigger: ".o_data_row td:contains('Tour Survey Co.')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='key_account_survey_score']:contains('60')",
    },
    ...openMenu(
      "key_account_service.key_account_service_menu_root",
      "key_account_service.key_account_visit_menu_root",
      "key_account_service.key_account_visit_menu",
    ),
    {
      trigger:
        ".o_data_row:has(td:contains('Tour Survey Co.')) td[name='contact_type_id']:contains('Return Visit')",
      run: "click",
    },
    {
      trigger: ".o_notebook a:contains('Return Visit')",
      run: "click",
    },
    {
      trigger: ".o_field_widget[name='callback_note'] textarea",
      run: "edit The branch moved the Saturday pickup slot; the customer agrees.",
    },
    {
      trigger: ".o_field_widget[name='problem_solved'] select",
      run: 'select "solved"',
    },
    {
      trigger: "button[name='action_done']",
      run: "click",
    },
    {
      trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Done')",
    },
  ],
});
