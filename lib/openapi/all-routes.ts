import { operationalRoutes, privateRoutes, publicRoutes, webhookRoutes } from "./routes";
import type { RouteDoc } from "./types";

/** Every documented route, in the order of the document and of the contract test. */
export const allRoutes: RouteDoc[] = [...publicRoutes, ...privateRoutes, ...webhookRoutes, ...operationalRoutes];
