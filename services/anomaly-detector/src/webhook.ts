import { createHmac } from "node:crypto";
import type { AlertChange } from "./lifecycle.js";

/** The JSON body POSTed for a new or resolved alert. */
export interface WebhookEvent {
  event: "alert.opened" | "alert.resolved";
  alert: {
    id: number | undefined;
    metric: string;
    kind: string;
    severity: string;
    method: string;
    window_start: string;
    last_seen_at: string;
    resolved_at: string | null;
    observed: number;
    expected: number;
    score: number;
    message: string;
  };
}

export const signatureHeader = "x-ecom-signature";

/** `sha256=<hex HMAC-SHA256 of the exact body>`, as the receiver recomputes it. */
export const sign = (secret: string, body: string): string =>
  `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

export function webhookEvent(change: AlertChange): WebhookEvent | undefined {
  if (change.type === "updated") return undefined;
  const a = change.alert;
  return {
    event: change.type === "opened" ? "alert.opened" : "alert.resolved",
    alert: {
      id: a.id,
      metric: a.metric,
      kind: a.kind,
      severity: a.severity,
      method: a.method,
      window_start: new Date(a.openedMs).toISOString(),
      last_seen_at: new Date(a.lastSeenMs).toISOString(),
      resolved_at: change.type === "resolved" ? new Date(change.resolvedMs).toISOString() : null,
      observed: a.observed,
      expected: a.expected,
      score: a.score,
      message: a.message,
    },
  };
}

export interface WebhookOptions {
  url: string;
  secret: string;
  attempts: number;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
  onResult?: (ok: boolean, event: WebhookEvent, error?: string) => void;
}

/**
 * Delivers events one at a time in order, each with up to `attempts` tries (exponential backoff;
 * 2xx is success, 4xx other than 408/429 is final). Never throws into the detector's loop.
 */
export class WebhookSender {
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;

  constructor(private readonly options: WebhookOptions) {}

  get backlog(): number {
    return this.pending;
  }

  send(event: WebhookEvent): void {
    this.pending++;
    this.queue = this.queue.then(() => this.deliver(event)).finally(() => this.pending--);
  }

  /** Resolves when every queued event was delivered or given up. */
  drain(): Promise<void> {
    return this.queue;
  }

  private async deliver(event: WebhookEvent): Promise<void> {
    const body = JSON.stringify(event);
    const { url, secret, attempts, backoffMs = 500 } = this.options;
    let lastError = "";
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", [signatureHeader]: sign(secret, body) },
          body,
          signal: AbortSignal.timeout(5000),
        });
        if (response.ok) {
          this.options.onResult?.(true, event);
          return;
        }
        lastError = `HTTP ${response.status}`;
        if (response.status >= 400 && response.status < 500 && ![408, 429].includes(response.status)) break;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
      if (attempt < attempts) await new Promise((r) => setTimeout(r, backoffMs * 2 ** (attempt - 1)));
    }
    this.options.onResult?.(false, event, lastError);
  }
}
