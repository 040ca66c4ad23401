import { stepUtils } from "@web_tour/tour_service/tour_utils";

async function waitUntil(found, what) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const element = found();
    if (element) {
      return element;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what} did not appear`);
}

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
    const section = `.o_menu_sections [data-menu-xmlid="${sectionXmlid}"]`;
    steps.push({
      // the navbar itself: the section may be hidden in the "More" menu
      trigger: `.o_main_navbar:has(${section})`,
      async run() {
        // On a narrow screen the navbar moves the sections that do not fit
        // into its "More" menu, where a section's items are listed directly;
        // wait until it has placed them.
        const place = await waitUntil(
          () =>
            [
              ...document.querySelectorAll(`${section}, .o_menu_sections_more button`),
            ].find((el) => el.checkVisibility()),
          sectionXmlid,
        );
        place.click();
        if (!itemXmlid && !place.matches(section)) {
          const moved = `.o_more_dropdown_section[data-menu-xmlid="${sectionXmlid}"]`;
          (await waitUntil(() => document.querySelector(moved), moved)).click();
        }
      },
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
