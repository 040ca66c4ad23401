import { registry } from "@web/core/registry";
import { rpcBus } from "@web/core/network/rpc";
import { BATCH_ROUTE } from "@key_account_service/board/board_batched_orm";
import { openMenu } from "@key_account_service/../tests/tour_steps";

// The app opens on its dashboard: its panels, the list panel showing live rows;
// the panels' data come in one request, on the first opening as on the next.
const requests = [];
const record = ({ detail }) => requests.push(detail);

// Odoo's pivot asks for its rows once it has its total: that second read
// comes after the panels' request, alone.
const isPivotRows = ({ url, data }) =>
  url === "/web/dataset/call_kw/key.account.service.kpi/read_group" &&
  data.params.kwargs.groupby.length > 0;

function oneRequestForAllPanels(when) {
  return {
    content: `${when}, the panels' data came in one request`,
    trigger: ".o-dashboard-action .o_pivot .o_pivot_cell_value",
    run() {
      const reads = requests.filter(
        (request) =>
          request.url.startsWith("/web/dataset/call_kw/") &&
          ["web_read_group", "web_search_read", "read_group"].includes(
            request.data.params.method,
          ) &&
          !isPivotRows(request),
      );
      const batches = requests.filter(({ url }) => url === BATCH_ROUTE);
      const calls = batches.flatMap(({ data }) => data.params.calls);
      const models = new Set(calls.map((call) => call.model));
      if (reads.length || batches.length !== 1 || models.size < 6) {
        throw new Error(
          `${when}: one request for all panels expected: ${reads.length} single ` +
            `reads, ${batches.length} batches of ${[...models]}`,
        );
      }
      requests.length = 0;
    },
  };
}

registry.category("web_tour.tours").add("key_account_dashboard_tour", {
  url: "/odoo",
  steps: () => [
    {
      trigger: "body",
      run() {
        rpcBus.addEventListener("RPC:REQUEST", record);
      },
    },
    ...openMenu("key_account_service.key_account_service_menu_root"),
    {
      trigger: ".o-dashboard-action-header:contains('Key Accounts by Band')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Open Warnings')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Contact Compliance by Month')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Revenue Trend')",
    },
    {
      trigger: ".o-dashboard-action-header:contains('Service Rates by Month')",
    },
    {
      trigger: ".o-dashboard-action .o_data_row",
    },
    oneRequestForAllPanels("Opened first"),
    {
      content: "Contact compliance reads like a traffic light",
      trigger:
        ".o-dashboard-action:has(.o-dashboard-action-header:contains('Contact Compliance by Month')) .o_graph_renderer canvas",
      run() {
        const chart = window.Chart.getChart(this.anchor);
        const colors = Object.fromEntries(
          chart.data.datasets.map((dataset) => [
            dataset.label,
            dataset.backgroundColor,
          ]),
        );
        if (colors["Done on Time"] !== "#00A78D" || colors.Missed !== "#EA6175") {
          throw new Error(
            `On time must be green, missed red: ${JSON.stringify(colors)}`,
          );
        }
      },
    },
    {
      content: "The band pie names the bands alone",
      trigger:
        ".o-dashboard-action:has(.o-dashboard-action-header:contains('Key Accounts by Band')) .o_graph_renderer canvas",
      run() {
        const labels = window.Chart.getChart(this.anchor).data.labels;
        if (!labels.length || labels.some((label) => String(label).includes("("))) {
          throw new Error(`Band labels carry a suffix: ${JSON.stringify(labels)}`);
        }
      },
    },
    {
      trigger:
        ".o-dashboard-action .o_data_row td.o_data_cell:contains('Dash Express Co.')",
      run: "click",
    },
    {
      trigger:
        ".o_form_view .o_field_widget[name='partner_id']:contains('Dash Express Co.')",
      run() {
        requests.length = 0;
      },
    },
    ...openMenu("key_account_service.key_account_service_menu_root"),
    {
      trigger:
        ".o-dashboard-action .o_data_row td.o_data_cell:contains('Dash Express Co.')",
    },
    oneRequestForAllPanels("Opened again"),
    {
      trigger: "body",
      run() {
        rpcBus.removeEventListener("RPC:REQUEST", record);
      },
    },
  ],
});
