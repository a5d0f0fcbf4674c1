/** Fetches a writer's /health JSON; null when it does not answer in time. */
export type StageProbe = (port: number) => Promise<Record<string, unknown> | null>;

export function httpStageProbe(timeoutMs = 800): StageProbe {
  return async (port) => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body: unknown = await response.json();
      return body && typeof body === "object" ? (body as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  };
}
