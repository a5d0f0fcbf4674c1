import type { ReasonCode } from "./event-types.js";
import { sampleIngestTime, sampleWith } from "./samples.js";

/**
 * The agreement table: raw records and the verdict the contract gives them. The TypeScript
 * validator and the Spark SQL are both tested against it (validator.test.ts,
 * spark-agreement.integration.test.ts); downstream stages may reuse it.
 */
export interface ValidationCase {
  name: string;
  value: string | Uint8Array | null;
  ingestTime: Date;
  expected: { reason: ReasonCode; field: string | null } | "valid";
}

const at = sampleIngestTime;
const json = (type: Parameters<typeof sampleWith>[0], changes: Record<string, unknown> = {}) =>
  JSON.stringify(sampleWith(type, changes));
const bad = (reason: ReasonCode, field: string | null) => ({ reason, field });
const c = (
  name: string,
  value: ValidationCase["value"],
  expected: ValidationCase["expected"],
  ingestTime = at,
) => ({
  name,
  value,
  ingestTime,
  expected,
});
const pv = (changes: Record<string, unknown>) => json("page_view", changes);
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Text after one valid object, or JSON's non-standard literals: never one JSON object (issue #17). */
function hostileJsonCases(): ValidationCase[] {
  const valid = pv({});
  const trailing: Array<[string, string]> = [
    ["closing the old wrapper", ',"y"]}'],
    ["a closing bracket and a string", '],"x"]'],
    ["a closing brace", "}"],
    ["a word", " xyz"],
    ["an empty object", " {}"],
    ["a comma", ","],
    ["null", " null"],
    ["a line comment", " // end"],
    ["a block comment", " /* end */"],
    ["a NUL character", "\u0000"],
    ["a second record on the next line", `\n${valid}`],
    ["a byte-order mark", "\ufeff"],
  ];
  return [
    ...trailing.map(([name, tail]) => c(`trailing ${name}`, `${valid}${tail}`, bad("invalid_json", null))),
    c("surrounding JSON whitespace", ` \t\r\n${valid} \t\r\n`, "valid"),
    c("NaN price", json("product_view").replace(/"price":[^,}]+/, '"price":NaN'), bad("invalid_json", null)),
    c(
      "Infinity order_total",
      json("purchase").replace(/"order_total":[^,}]+/, '"order_total":Infinity'),
      bad("invalid_json", null),
    ),
    c(
      "-Infinity price",
      json("product_view").replace(/"price":[^,}]+/, '"price":-Infinity'),
      bad("invalid_json", null),
    ),
    c("byte-order mark inside", `{\ufeff${valid.slice(1)}`, bad("invalid_json", null)),
    c("raw NUL in a string", pv({}).replace('"/home"', '"/ho\u0000me"'), bad("invalid_json", null)),
    c("escaped NUL in a string", pv({ page: "/ho\u0000me" }), "valid"),
    c("900 KB value", pv({ page: `/${"p".repeat(900_000)}` }), "valid"),
    c("900 KB extra field", pv({ blob: "b".repeat(900_000) }), "valid"),
    c(
      "number of 1001 digits",
      pv({}).replace("{", `{"big":1.${"1".repeat(1000)},`),
      bad("invalid_json", null),
    ),
    c("number of 1000 digits", pv({}).replace("{", `{"big":1.${"1".repeat(999)},`), "valid"),
    c("fraction of 1000 digits after 0", pv({}).replace("{", `{"big":0.${"1".repeat(1000)},`), "valid"),
    c("exponent counted", pv({}).replace("{", `{"big":${"1".repeat(1000)}e5,`), bad("invalid_json", null)),
  ];
}

/** Numbers beyond a double's range in each numeric field: out of range (issue #17). */
function overflowCases(): ValidationCase[] {
  const set = (type: Parameters<typeof json>[0], field: string, literal: string) =>
    json(type).replace(new RegExp(`"${field}":[^,}]+`), `"${field}":${literal}`);
  return [
    c("price 1.8e308", set("product_view", "price", "1.8e308"), bad("invalid_value", "price")),
    c("price 1e400 on add_to_cart", set("add_to_cart", "price", "1e400"), bad("invalid_value", "price")),
    c("price -1e400", set("remove_from_cart", "price", "-1e400"), bad("invalid_value", "price")),
    c("order_total 1e400", set("purchase", "order_total", "1e400"), bad("invalid_value", "order_total")),
    c("order_total 1.8e308", set("purchase", "order_total", "1.8e308"), bad("invalid_value", "order_total")),
    c("quantity -1e400", set("remove_from_cart", "quantity", "-1e400"), bad("invalid_value", "quantity")),
    c(
      "schema_version 1e400",
      set("page_view", "schema_version", "1e400"),
      bad("unsupported_schema_version", "schema_version"),
    ),
    c("order_total 1.7e308 stays valid", set("purchase", "order_total", "1.7e308"), "valid"),
    c("price 4.9e-324 stays valid", set("product_view", "price", "4.9e-324"), "valid"),
  ];
}

export const validationCases: readonly ValidationCase[] = [
  // valid, one per type, plus edge cases that must stay valid
  ...(
    [
      "page_view",
      "product_view",
      "add_to_cart",
      "remove_from_cart",
      "checkout_started",
      "purchase",
      "payment_failed",
    ] as const
  ).map((t) => c(`valid ${t}`, json(t), "valid")),
  c("valid as bytes", utf8(json("purchase")), "valid"),
  c("extra fields ignored", pv({ extra: { nested: [1, 2] }, Event_ID: 3 }), "valid"),
  c(
    "not-required fields not validated",
    pv({ price: "free", quantity: -3, currency: "XXX", order_id: null }),
    "valid",
  ),
  c("schema_version 1.0", pv({}).replace('"schema_version":1', '"schema_version":1.0'), "valid"),
  c("quantity 1e2", json("add_to_cart").replace('"quantity":2', '"quantity":1e2'), "valid"),
  c("price 0", json("product_view", { price: 0 }), "valid"),
  c("quantity 1000", json("add_to_cart", { quantity: 1000 }), "valid"),
  c("event_id empty string", pv({ event_id: "" }), "valid"),
  c("nanosecond fraction and offset", pv({ event_ts: "2024-03-10T13:04:59.123456789+01:00" }), "valid"),
  c("offset -18:00", pv({ event_ts: "2024-03-09T18:00:00-18:00" }), "valid"),
  c("leap day", pv({ event_ts: "2024-02-29T00:00:00Z" }), "valid"),
  c("exactly 5 minutes ahead", pv({ event_ts: "2024-03-10T12:05:00Z" }), "valid"),
  c(
    "5 minutes ahead at 999 microseconds in the ms",
    pv({ event_ts: "2024-03-10T12:04:59.999999Z" }),
    "valid",
  ),
  c("surrounding whitespace", `  \n${pv({})}\t\r\n`, "valid"),
  c(
    "escaped surrogate pair",
    pv({ page: "\\ud83d\\ude00" }).replace("\\\\u", "\\u").replace("\\\\u", "\\u"),
    "valid",
  ),
  c("unicode text", pv({ page: "/ß/日本/😀" }), "valid"),
  // 1. invalid_json
  c("null value (tombstone)", null, bad("invalid_json", null)),
  c("empty", "", bad("invalid_json", null)),
  c("whitespace only", "   ", bad("invalid_json", null)),
  c("truncated", pv({}).slice(0, 40), bad("invalid_json", null)),
  c("array", "[1,2]", bad("invalid_json", null)),
  c("string", '"page_view"', bad("invalid_json", null)),
  c("number", "42", bad("invalid_json", null)),
  c("json null", "null", bad("invalid_json", null)),
  c("trailing garbage", `${pv({})} x`, bad("invalid_json", null)),
  c("two objects", `${pv({})}{}`, bad("invalid_json", null)),
  c("trailing bracket", `${pv({})}]`, bad("invalid_json", null)),
  c("object then comma", `${pv({})},{}`, bad("invalid_json", null)),
  c("single quotes", "{'event_id':'x'}", bad("invalid_json", null)),
  c("trailing comma", '{"a":1,}', bad("invalid_json", null)),
  c("NaN", '{"a":NaN}', bad("invalid_json", null)),
  c("BOM", utf8(`\ufeff${pv({})}`), bad("invalid_json", null)),
  c("not UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), bad("invalid_json", null)),
  c("duplicate key", pv({}).replace("{", '{"user_id":"a",'), bad("invalid_json", null)),
  c(
    "duplicate nested key",
    pv({ x: { a: 1 } }).replace('{"a":1}', '{"a":1,"\\u0061":2}'),
    bad("invalid_json", null),
  ),
  c("lone surrogate", pv({ page: "x" }).replace('"page":"x"', '"page":"\\ud800"'), bad("invalid_json", null)),
  c(
    "nesting 1001",
    pv({}).replace("{", `{"deep":${"[".repeat(1000)}${"]".repeat(1000)},`),
    bad("invalid_json", null),
  ),
  c("nesting 1000", pv({}).replace("{", `{"deep":${"[".repeat(999)}${"]".repeat(999)},`), "valid"),
  c(
    "nesting 100000",
    pv({}).replace("{", `{"deep":${"[".repeat(99_999)}${"]".repeat(99_999)},`),
    bad("invalid_json", null),
  ),
  c("integer of 1001 digits", pv({}).replace("{", `{"big":${"1".repeat(1001)},`), bad("invalid_json", null)),
  c("integer of 1000 digits", pv({}).replace("{", `{"big":${"1".repeat(1000)},`), "valid"),
  c("key of 50001 chars", pv({ ["k".repeat(50_001)]: 1 }), bad("invalid_json", null)),
  c("key of 50000 chars", pv({ ["k".repeat(50_000)]: 1 }), "valid"),
  c("unescaped control char", pv({}).replace('"/home"', '"/ho\tme"'), bad("invalid_json", null)),
  ...hostileJsonCases(),
  // 2. missing_field
  c("empty object", "{}", bad("missing_field", "event_id")),
  c("missing event_id", pv({ event_id: undefined }), bad("missing_field", "event_id")),
  c("null event_type", pv({ event_type: null }), bad("missing_field", "event_type")),
  c("missing event_type", pv({ event_type: undefined, page: undefined }), bad("missing_field", "event_type")),
  c("missing country", pv({ country: undefined }), bad("missing_field", "country")),
  c("missing page", pv({ page: undefined }), bad("missing_field", "page")),
  c("null price", json("add_to_cart", { price: null }), bad("missing_field", "price")),
  c("missing quantity", json("remove_from_cart", { quantity: undefined }), bad("missing_field", "quantity")),
  c("missing currency", json("payment_failed", { currency: undefined }), bad("missing_field", "currency")),
  c(
    "first missing in table order",
    json("purchase", { order_total: undefined, device: undefined }),
    bad("missing_field", "device"),
  ),
  c(
    "missing beats wrong type",
    json("purchase", { currency: undefined, user_id: 7 }),
    bad("missing_field", "currency"),
  ),
  c(
    "invalid type: only common fields",
    pv({ event_type: "refund", page: undefined, device: undefined }),
    bad("missing_field", "device"),
  ),
  // 3. invalid_type
  c("price as string", json("product_view", { price: "59.90" }), bad("invalid_type", "price")),
  c("quantity 2.5", json("add_to_cart", { quantity: 2.5 }), bad("invalid_type", "quantity")),
  c("schema_version string", pv({ schema_version: "1" }), bad("invalid_type", "schema_version")),
  c("schema_version 1.5", pv({ schema_version: 1.5 }), bad("invalid_type", "schema_version")),
  c("event_type number", pv({ event_type: 3 }), bad("invalid_type", "event_type")),
  c("event_ts number", pv({ event_ts: 1710072000000 }), bad("invalid_type", "event_ts")),
  c("user_id object", pv({ user_id: { id: 1 } }), bad("invalid_type", "user_id")),
  c("device array", pv({ device: ["mobile"] }), bad("invalid_type", "device")),
  c("country boolean", pv({ country: true }), bad("invalid_type", "country")),
  c("order_total string", json("purchase", { order_total: "10" }), bad("invalid_type", "order_total")),
  c(
    "first wrong type in table order",
    json("purchase", { currency: 1, session_id: 2 }),
    bad("invalid_type", "session_id"),
  ),
  c("wrong type beats bad enum", pv({ device: "phone", page: 5 }), bad("invalid_type", "page")),
  // 4. invalid_enum
  c("unknown event_type", pv({ event_type: "refund" }), bad("invalid_enum", "event_type")),
  c("event_type case", pv({ event_type: "Page_View" }), bad("invalid_enum", "event_type")),
  c("unknown device", pv({ device: "phone" }), bad("invalid_enum", "device")),
  c("currency JPY", json("purchase", { currency: "JPY" }), bad("invalid_enum", "currency")),
  c("country lower", pv({ country: "de" }), bad("invalid_enum", "country")),
  c("country three letters", pv({ country: "DEU" }), bad("invalid_enum", "country")),
  c("country empty", pv({ country: "" }), bad("invalid_enum", "country")),
  c("country newline", pv({ country: "DE\n" }), bad("invalid_enum", "country")),
  c("country non-ASCII", pv({ country: "DÉ" }), bad("invalid_enum", "country")),
  c(
    "bad event_type skips type fields",
    pv({ event_type: "refund", user_id: "" }),
    bad("invalid_enum", "event_type"),
  ),
  c("enum beats value", json("purchase", { order_total: -1, device: "tv" }), bad("invalid_enum", "device")),
  // 5. invalid_value
  c("empty user_id", pv({ user_id: "" }), bad("invalid_value", "user_id")),
  c("empty session_id", pv({ session_id: "" }), bad("invalid_value", "session_id")),
  c("empty page", pv({ page: "" }), bad("invalid_value", "page")),
  c("empty product_id", json("product_view", { product_id: "" }), bad("invalid_value", "product_id")),
  c("empty category", json("add_to_cart", { category: "" }), bad("invalid_value", "category")),
  c("negative price", json("product_view", { price: -0.01 }), bad("invalid_value", "price")),
  c("quantity 0", json("add_to_cart", { quantity: 0 }), bad("invalid_value", "quantity")),
  c("quantity 1001", json("remove_from_cart", { quantity: 1001 }), bad("invalid_value", "quantity")),
  ...overflowCases(),
  c(
    "quantity 1e400",
    json("add_to_cart").replace('"quantity":2', '"quantity":1e400'),
    bad("invalid_value", "quantity"),
  ),
  c("empty order_id", json("checkout_started", { order_id: "" }), bad("invalid_value", "order_id")),
  c("order_total 0", json("purchase", { order_total: 0 }), bad("invalid_value", "order_total")),
  c("value beats timestamp", pv({ event_ts: "yesterday", page: "" }), bad("invalid_value", "page")),
  // 6. invalid_timestamp
  c("event_ts words", pv({ event_ts: "yesterday" }), bad("invalid_timestamp", "event_ts")),
  c("event_ts empty", pv({ event_ts: "" }), bad("invalid_timestamp", "event_ts")),
  c("no offset", pv({ event_ts: "2024-03-10T11:59:30" }), bad("invalid_timestamp", "event_ts")),
  c("space separator", pv({ event_ts: "2024-03-10 11:59:30Z" }), bad("invalid_timestamp", "event_ts")),
  c("February 30", pv({ event_ts: "2024-02-30T00:00:00Z" }), bad("invalid_timestamp", "event_ts")),
  c("not a leap year", pv({ event_ts: "2023-02-29T00:00:00Z" }), bad("invalid_timestamp", "event_ts")),
  c("hour 24", pv({ event_ts: "2024-03-10T24:00:00Z" }), bad("invalid_timestamp", "event_ts")),
  c("leap second", pv({ event_ts: "2024-03-10T11:59:60Z" }), bad("invalid_timestamp", "event_ts")),
  c(
    "10 fraction digits",
    pv({ event_ts: "2024-03-10T11:59:30.1234567890Z" }),
    bad("invalid_timestamp", "event_ts"),
  ),
  c("empty fraction", pv({ event_ts: "2024-03-10T11:59:30.Z" }), bad("invalid_timestamp", "event_ts")),
  c("offset +18:01", pv({ event_ts: "2024-03-10T11:59:30+18:01" }), bad("invalid_timestamp", "event_ts")),
  c("offset minutes 60", pv({ event_ts: "2024-03-10T11:59:30+05:60" }), bad("invalid_timestamp", "event_ts")),
  c(
    "offset without colon",
    pv({ event_ts: "2024-03-10T11:59:30+0100" }),
    bad("invalid_timestamp", "event_ts"),
  ),
  c("lower-case z", pv({ event_ts: "2024-03-10T11:59:30z" }), bad("invalid_timestamp", "event_ts")),
  c("trailing newline", pv({ event_ts: "2024-03-10T11:59:30Z\n" }), bad("invalid_timestamp", "event_ts")),
  c("Arabic-Indic digits", pv({ event_ts: "٢٠٢٤-03-10T11:59:30Z" }), bad("invalid_timestamp", "event_ts")),
  c(
    "timestamp beats future and version",
    pv({ event_ts: "2024-13-01T00:00:00Z", schema_version: 2 }),
    bad("invalid_timestamp", "event_ts"),
  ),
  // 7. future_timestamp
  c("one hour ahead", pv({ event_ts: "2024-03-10T13:00:00Z" }), bad("future_timestamp", "event_ts")),
  c(
    "5 minutes and 1 microsecond ahead",
    pv({ event_ts: "2024-03-10T12:05:00.000001Z" }),
    bad("future_timestamp", "event_ts"),
  ),
  c(
    "ahead through offset",
    pv({ event_ts: "2024-03-10T12:10:00-00:00" }),
    bad("future_timestamp", "event_ts"),
  ),
  c(
    "future beats version",
    pv({ event_ts: "2025-01-01T00:00:00Z", schema_version: 2 }),
    bad("future_timestamp", "event_ts"),
  ),
  // 8. unsupported_schema_version
  c("schema_version 2", pv({ schema_version: 2 }), bad("unsupported_schema_version", "schema_version")),
  c(
    "schema_version 0",
    json("purchase", { schema_version: 0 }),
    bad("unsupported_schema_version", "schema_version"),
  ),
  c("schema_version -1", pv({ schema_version: -1 }), bad("unsupported_schema_version", "schema_version")),
];
