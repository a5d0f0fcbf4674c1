import { createContext, type ReactNode, useContext } from "react";
import type { RuntimeConfig } from "../lib/runtime-config.js";
import type { ApiClient } from "./client.js";

interface Runtime {
  config: RuntimeConfig;
  api: ApiClient;
}

const RuntimeContext = createContext<Runtime | null>(null);

export function RuntimeProvider({ value, children }: { value: Runtime; children: ReactNode }) {
  return <RuntimeContext.Provider value={value}>{children}</RuntimeContext.Provider>;
}

export function useRuntime(): Runtime {
  const runtime = useContext(RuntimeContext);
  if (!runtime) throw new Error("useRuntime outside RuntimeProvider");
  return runtime;
}
