import type { App, Deps } from "../deps.js";

export function pipelineRoutes(_app: App, _deps: Deps): void {}
