import type { App, Deps } from "../deps.js";

export function streamRoutes(_app: App, _deps: Deps): void {}
