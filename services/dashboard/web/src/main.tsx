import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { apiClient } from "./api/client.js";
import { RuntimeProvider } from "./api/context.js";
import { App } from "./app.js";
import { loadRuntimeConfig } from "./lib/runtime-config.js";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("no #root element");

try {
  const config = await loadRuntimeConfig();
  const queryClient = new QueryClient({
    defaultOptions: {
      queries: { retry: 1, refetchOnWindowFocus: true, staleTime: 5_000 },
    },
  });
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <RuntimeProvider value={{ config, api: apiClient(config.apiUrl) }}>
          <App />
        </RuntimeProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
} catch (error) {
  root.textContent = `The dashboard could not start: ${(error as Error).message}`;
}
