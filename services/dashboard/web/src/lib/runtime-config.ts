/** What the page's server tells the app at start (GET /config.json). */
export interface RuntimeConfig {
  /** "dashboard" on the dashboard's port, "console" on the topic console's port. */
  mode: "dashboard" | "console";
  apiUrl: string;
  dashboardUrl: string;
  consoleUrl: string;
}

export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch("/config.json", { cache: "no-store" });
  if (!response.ok) throw new Error(`GET /config.json answered ${response.status}`);
  return (await response.json()) as RuntimeConfig;
}
