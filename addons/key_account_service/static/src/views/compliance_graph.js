import { registry } from "@web/core/registry";
import { graphView } from "@web/views/graph/graph_view";
import { GraphRenderer } from "@web/views/graph/graph_renderer";

// Contact compliance reads like a traffic light, whatever order the months
// bring the values in: the default palette colours by order of appearance.
export const COMPLIANCE_COLORS = {
  on_time: "#00A78D", // green
  late: "#F4A261", // orange
  missed: "#EA6175", // red
  planned: "#4EA7F2", // blue
};

/** The compliance value a dataset stands for, from its raw group values. */
export function complianceOf(dataset) {
  for (const identifier of dataset.identifiers || []) {
    for (const group of JSON.parse(identifier)) {
      if ("compliance" in group) {
        return group.compliance;
      }
    }
  }
  return undefined;
}

export class KeyAccountComplianceGraphRenderer extends GraphRenderer {
  getBarChartData() {
    const data = super.getBarChartData();
    for (const dataset of data.datasets) {
      const color = COMPLIANCE_COLORS[complianceOf(dataset)];
      if (color) {
        dataset.backgroundColor = color;
      }
    }
    return data;
  }
}

registry.category("views").add("key_account_compliance_graph", {
  ...graphView,
  Renderer: KeyAccountComplianceGraphRenderer,
});
