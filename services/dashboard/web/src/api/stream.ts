import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useRuntime } from "./context.js";
import { keys } from "./queries.js";

export type StreamState = "connecting" | "live" | "reconnecting";

/**
 * Follows the API's Server-Sent Events: a `kpi` message refetches the KPI (and quality) queries,
 * an `alert` message the alert queries; after a reconnect everything is refetched, since messages
 * sent while away are not replayed.
 */
export function useLiveStream(): StreamState {
  const { config } = useRuntime();
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>("connecting");

  useEffect(() => {
    const source = new EventSource(new URL("/v1/stream", config.apiUrl));
    let opened = false;
    let timer: number | undefined;
    // bursts (a restated hour changes 60 minutes at once) refetch once
    const pending = new Set<string>();
    const refetch = (...names: string[]) => {
      for (const name of names) pending.add(name);
      timer ??= window.setTimeout(() => {
        timer = undefined;
        for (const name of pending) void client.invalidateQueries({ queryKey: [name] });
        pending.clear();
      }, 150);
    };
    source.addEventListener("ready", () => {
      if (opened) refetch(...Object.values(keys));
      opened = true;
      setState("live");
    });
    source.addEventListener("kpi", () => refetch(keys.kpis, keys.quality, keys.pipeline));
    source.addEventListener("alert", () => refetch(keys.alerts));
    source.addEventListener("error", () => setState(opened ? "reconnecting" : "connecting"));
    return () => {
      window.clearTimeout(timer);
      source.close();
    };
  }, [config.apiUrl, client]);
  return state;
}
