/**
 * Starlight route middleware (astro.config.mjs `routeMiddleware`): puts each
 * lab right after its chapter in the sidebar, then takes Previous/Next from
 * that order, so "Next" at the end of a chapter opens its lab and the lab's
 * "Next" goes on with the course. Lab pages (StarlightPage) pass here too.
 */
import { defineRouteMiddleware, type StarlightRouteData } from "@astrojs/starlight/route-data";
import { placeLabs, prevNext, type SidebarEntry } from "./course-order.ts";

type Link = NonNullable<StarlightRouteData["pagination"]["next"]>;

export const onRequest = defineRouteMiddleware((context) => {
  // Starlight declares `starlightRoute` on Astro's Locals only in its own build types.
  const route = (context.locals as { starlightRoute: StarlightRouteData }).starlightRoute;
  // Starlight's entries carry more fields (badges, attributes) that travel along untouched.
  const sidebar = placeLabs(route.sidebar as SidebarEntry[]);
  route.sidebar = sidebar as StarlightRouteData["sidebar"];
  const { prev, next } = prevNext(sidebar);
  route.pagination = { prev: prev as Link | undefined, next: next as Link | undefined };
});
