import { stepUtils } from "@web_tour/tour_service/tour_utils";

/**
 * The steps a user takes to open a menu: the apps menu, the app, then its
 * top menu and, inside a drop-down, the item, each by its xml id. The flow
 * tours of the three addons start this way.
 */
export function openMenu(appXmlid, sectionXmlid, itemXmlid) {
  const steps = [
    stepUtils.showAppsMenuItem(),
    { trigger: `.o_app[data-menu-xmlid="${appXmlid}"]`, run: "click" },
  ];
  if (sectionXmlid) {
    steps.push({
      trigger: `.o_menu_sections [data-menu-xmlid="${sectionXmlid}"]`,
      run: "click",
    });
  }
  if (itemXmlid) {
    steps.push({
      trigger: `.dropdown-item[data-menu-xmlid="${itemXmlid}"]`,
      run: "click",
    });
  }
  return steps;
}
