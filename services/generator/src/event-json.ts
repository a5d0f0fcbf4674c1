import type { EcomEvent } from "@ecomstream/contracts";

/**
 * `JSON.stringify(event)` for the events the simulation builds, written out field by field (about
 * a third cheaper). Every field is in the order the simulation creates it, and every string is an
 * id, a formatted timestamp or a name from the generator's fixed tables, none of which needs JSON
 * escaping (event-json.test.ts checks both against JSON.stringify). Numbers print as
 * JSON.stringify prints them (`${n}` is the same Number-to-String).
 */
export function eventJson(e: EcomEvent): string {
  const head =
    `{"event_id":"${e.event_id}","event_type":"${e.event_type}","event_ts":"${e.event_ts}",` +
    `"schema_version":${e.schema_version},"user_id":"${e.user_id}","session_id":"${e.session_id}",` +
    `"device":"${e.device}","country":"${e.country}"`;
  switch (e.event_type) {
    case "page_view":
      return `${head},"page":"${e.page}"}`;
    case "product_view":
      return `${head},"product_id":"${e.product_id}","category":"${e.category}","price":${e.price}}`;
    case "add_to_cart":
    case "remove_from_cart":
      return `${head},"product_id":"${e.product_id}","category":"${e.category}","price":${e.price},"quantity":${e.quantity}}`;
    case "checkout_started":
      return `${head},"order_id":"${e.order_id}"}`;
    case "payment_failed":
      return `${head},"order_id":"${e.order_id}","currency":"${e.currency}"}`;
    case "purchase":
      return `${head},"order_id":"${e.order_id}","order_total":${e.order_total},"currency":"${e.currency}"}`;
  }
}

/** The constant parts of the JSON text, as bytes: `k<Field>` is the text before that field's value. */
const ascii = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const kEventId = ascii(`{"event_id":"`);
const kEventType = ascii(`","event_type":"`);
const kEventTs = ascii(`","event_ts":"`);
const kSchemaVersion = ascii(`","schema_version":`);
const kUserId = ascii(`,"user_id":"`);
const kSessionId = ascii(`","session_id":"`);
const kDevice = ascii(`","device":"`);
const kCountry = ascii(`","country":"`);
const kPage = ascii(`","page":"`);
const kProductId = ascii(`","product_id":"`);
const kCategory = ascii(`","category":"`);
const kPrice = ascii(`","price":`);
const kQuantity = ascii(`,"quantity":`);
const kOrderId = ascii(`","order_id":"`);
const kOrderTotal = ascii(`","order_total":`);
const kCurrency = ascii(`","currency":"`);
const kCurrencyAfterNumber = ascii(`,"currency":"`);
const kEndAfterString = ascii(`"}`);
const kEnd = ascii("}");

/** Copies `bytes` to `out` at `at`; -1 (and stays -1) when they do not fit. */
function putBytes(out: Uint8Array, at: number, bytes: Uint8Array): number {
  const n = bytes.length;
  if (at < 0 || at + n > out.length) return -1;
  for (let i = 0; i < n; i++) out[at + i] = bytes[i] as number;
  return at + n;
}

/** Writes an ASCII string; -1 (and stays -1) when it does not fit or is not ASCII. */
export function putAscii(out: Uint8Array, at: number, text: string): number {
  const n = text.length;
  if (at < 0 || at + n > out.length) return -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return -1;
    out[at + i] = c;
  }
  return at + n;
}

/**
 * Writes `eventJson(e)` as UTF-8 into `out` from `at`, without making the string; returns where it
 * ended, or -1 when it does not fit or a string is not ASCII (then nothing is promised about the
 * bytes written, and the caller writes `eventJson(e)` itself).
 */
export function writeEventJson(out: Uint8Array, at: number, e: EcomEvent): number {
  let p = putBytes(out, at, kEventId);
  p = putAscii(out, p, e.event_id);
  p = putBytes(out, p, kEventType);
  p = putAscii(out, p, e.event_type);
  p = putBytes(out, p, kEventTs);
  p = putAscii(out, p, e.event_ts);
  p = putBytes(out, p, kSchemaVersion);
  p = putAscii(out, p, `${e.schema_version}`);
  p = putBytes(out, p, kUserId);
  p = putAscii(out, p, e.user_id);
  p = putBytes(out, p, kSessionId);
  p = putAscii(out, p, e.session_id);
  p = putBytes(out, p, kDevice);
  p = putAscii(out, p, e.device);
  p = putBytes(out, p, kCountry);
  p = putAscii(out, p, e.country);
  switch (e.event_type) {
    case "page_view":
      p = putBytes(out, p, kPage);
      p = putAscii(out, p, e.page);
      return putBytes(out, p, kEndAfterString);
    case "product_view":
    case "add_to_cart":
    case "remove_from_cart":
      p = putBytes(out, p, kProductId);
      p = putAscii(out, p, e.product_id);
      p = putBytes(out, p, kCategory);
      p = putAscii(out, p, e.category);
      p = putBytes(out, p, kPrice);
      p = putAscii(out, p, `${e.price}`);
      if (e.event_type !== "product_view") {
        p = putBytes(out, p, kQuantity);
        p = putAscii(out, p, `${e.quantity}`);
      }
      return putBytes(out, p, kEnd);
    case "checkout_started":
      p = putBytes(out, p, kOrderId);
      p = putAscii(out, p, e.order_id);
      return putBytes(out, p, kEndAfterString);
    case "payment_failed":
      p = putBytes(out, p, kOrderId);
      p = putAscii(out, p, e.order_id);
      p = putBytes(out, p, kCurrency);
      p = putAscii(out, p, e.currency);
      return putBytes(out, p, kEndAfterString);
    case "purchase":
      p = putBytes(out, p, kOrderId);
      p = putAscii(out, p, e.order_id);
      p = putBytes(out, p, kOrderTotal);
      p = putAscii(out, p, `${e.order_total}`);
      p = putBytes(out, p, kCurrencyAfterNumber);
      p = putAscii(out, p, e.currency);
      return putBytes(out, p, kEndAfterString);
  }
}
