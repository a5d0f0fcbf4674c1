export { bundleSize, ensureBundle } from "./build.js";
export { bundleStaleness, distDir } from "./bundle.js";
export { buildConsoleServer } from "./console-server.js";
export { buildDashboardServer } from "./dashboard-server.js";
