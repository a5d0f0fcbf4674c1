import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiKeyStorage, useStored } from "../lib/stored.js";
import { unwrap } from "./client.js";
import { useRuntime } from "./context.js";
import type {
  Alert,
  AlertQuery,
  AlertStatus,
  BreakdownDimension,
  KpiQuery,
  LakeLayerName,
  ProductOrder,
  TopProducts,
} from "./types.js";

/** Query keys: the stream invalidates by their first element. */
export const keys = {
  kpis: "kpis",
  alerts: "alerts",
  quality: "quality",
  samples: "samples",
  pipeline: "pipeline",
  lake: "lake",
} as const;

export function useKpiLatest() {
  const { api } = useRuntime();
  return useQuery({
    queryKey: [keys.kpis, "latest"],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/kpis/latest", { signal })),
  });
}

export function useKpiSeries(query: Required<KpiQuery>) {
  const { api } = useRuntime();
  return useQuery({
    queryKey: [keys.kpis, "series", query],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/kpis", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/**
 * The `limit` values of a dimension with their buckets. Keyed under kpis: gold's breakdown minutes
 * land with the KPI minutes, so the stream's `kpi` message refetches them.
 */
export function useBreakdown(dimension: BreakdownDimension, window: Required<KpiQuery>, limit: number) {
  const { api } = useRuntime();
  const query = { dimension, ...window, limit };
  return useQuery({
    queryKey: [keys.kpis, "breakdown", query],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/kpis/breakdown", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** The top `limit` products over [from, to) (whole hours); refetched with the KPIs. */
export function useTopProducts(by: ProductOrder, from: string, to: string, limit: number) {
  const { api } = useRuntime();
  const query = { by, from, to, limit };
  return useQuery({
    queryKey: [keys.kpis, "products", query],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/products/top", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** The API's widest top-products answer: an hour's ranking as far as a sparkline can see. */
export const productsPerHour = 100;

/**
 * Each hour's top products, one request per hour starting at `hours` (unix ms): the sparklines'
 * points. A closed hour changes only when gold restates it, so only the newest hour is keyed under
 * kpis (refetched live); the others are kept for ten minutes.
 */
export function useProductHours(by: ProductOrder, hours: number[]): Array<TopProducts | undefined> {
  const { api } = useRuntime();
  const newest = hours[hours.length - 1];
  return useQueries({
    queries: hours.map((start) => {
      const query = {
        by,
        from: new Date(start).toISOString(),
        to: new Date(start + 3_600_000).toISOString(),
        limit: productsPerHour,
      };
      return {
        queryKey: [start === newest ? keys.kpis : "product-hours", "product-hour", query],
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          unwrap(api.GET("/v1/products/top", { params: { query }, signal })),
        staleTime: start === newest ? 0 : 600_000,
      };
    }),
    combine: (results) => results.map((r) => r.data),
  });
}

/** Session figures of the sessions that started in [from, to); sessions close as their gap passes, so also polled. */
export function useSessionsSummary(from: string, to: string) {
  const { api } = useRuntime();
  const query = { from, to };
  return useQuery({
    queryKey: [keys.kpis, "sessions", query],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/sessions/summary", { params: { query }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

/** The funnel of the sessions that started in [from, to). */
export function useFunnel(from: string, to: string) {
  const { api } = useRuntime();
  const query = { from, to };
  return useQuery({
    queryKey: [keys.kpis, "funnel", query],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/funnel", { params: { query }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

export function useAlerts(query: AlertQuery) {
  const { api } = useRuntime();
  return useQuery({
    queryKey: [keys.alerts, query],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/alerts", { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useQuality(query: Required<KpiQuery>) {
  const { api } = useRuntime();
  return useQuery({
    queryKey: [keys.quality, query],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/quality", { params: { query }, signal })),
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
}

/** Quarantined records hold raw payloads (user and session ids): the API wants the key for them. */
export function useSamples(reason: string | undefined) {
  const { api } = useRuntime();
  const [apiKey] = useStored(apiKeyStorage);
  return useQuery({
    queryKey: [keys.samples, reason ?? "all", Boolean(apiKey)],
    queryFn: ({ signal }) => {
      if (!apiKey) throw new Error("enter the API key in Settings to see quarantined records");
      return unwrap(
        api.GET("/v1/quality/samples", {
          params: { query: { limit: 20, ...(reason ? { reason: reason as never } : {}) } },
          headers: { "x-api-key": apiKey },
          signal,
        }),
      );
    },
    retry: (failures) => Boolean(apiKey) && failures < 3,
    refetchInterval: 30_000,
  });
}

export function usePipeline() {
  const { api } = useRuntime();
  return useQuery({
    queryKey: [keys.pipeline],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/pipeline", { signal })),
    refetchInterval: 5_000,
  });
}

/** Lake health per layer; lake-ops measures it every minute. */
export function useLake() {
  const { api } = useRuntime();
  return useQuery({
    queryKey: [keys.lake],
    queryFn: ({ signal }) => unwrap(api.GET("/v1/lake", { signal })),
    refetchInterval: 10_000,
  });
}

/** One layer's hour partitions over the `hours` before now. */
export function useLakePartitions(layer: LakeLayerName, hours: number) {
  const { api } = useRuntime();
  return useQuery({
    queryKey: [keys.lake, "partitions", layer, hours],
    queryFn: ({ signal }) => {
      const to = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
      const from = new Date(to.getTime() - hours * 3_600_000);
      const query = { layer, from: from.toISOString(), to: to.toISOString() };
      return unwrap(api.GET("/v1/lake/partitions", { params: { query }, signal }));
    },
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
}

/** Acknowledge or resolve an alert with the API key kept in settings. */
export function useAlertAction() {
  const { api } = useRuntime();
  const [apiKey] = useStored(apiKeyStorage);
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, action }: { id: number; action: "acknowledge" | "resolve" }): Promise<Alert> => {
      if (!apiKey) throw new Error("enter the API key in Settings first");
      const options = { params: { path: { id: String(id) } }, headers: { "x-api-key": apiKey } };
      return unwrap(
        action === "acknowledge"
          ? api.POST("/v1/alerts/{id}/acknowledge", options)
          : api.POST("/v1/alerts/{id}/resolve", options),
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: [keys.alerts] }),
  });
}

export const alertStatuses: AlertStatus[] = ["open", "acknowledged", "resolved"];
