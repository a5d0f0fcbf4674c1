/**
 * JSON parsing as strict as the contract's JVM check (`infra/spark/udf`, Jackson with strict
 * duplicate detection and its default limits), so the TypeScript validator and the Spark SQL agree
 * on what is `invalid_json`:
 * - one JSON text and nothing after it but whitespace (JSON.parse's own rule),
 * - duplicate keys in any object (after unescaping) are rejected,
 * - strings or keys holding a lone UTF-16 surrogate are rejected,
 * - nesting deeper than 1000, number literals of more than 1000 digits (as Jackson counts them)
 *   and keys longer than
 *   50,000 characters are rejected.
 * Known divergence not reproduced: strings over 20,000,000 characters (beyond Kafka's record size).
 */
export const jsonLimits = { maxDepth: 1000, maxNumberDigits: 1000, maxKeyLength: 50_000 } as const;

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes bytes as strict UTF-8 (a BOM is kept, and so fails to parse). Null when not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

function isWs(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * The digits of a number literal as Jackson counts them against its length limit: an integer's
 * digits; for other numbers those of the integer part (none for a lone 0), fraction and exponent.
 */
function numberDigits(literal: string): number {
  const match = /^-?(\d+)(?:\.(\d+))?(?:[eE][-+]?(\d+))?$/.exec(literal);
  if (!match) return 0;
  const [, int = "", fraction, exponent] = match;
  if (fraction === undefined && exponent === undefined) return int.length;
  return (int === "0" ? 0 : int.length) + (fraction?.length ?? 0) + (exponent?.length ?? 0);
}

/** Scans text that JSON.parse accepted; true when it also passes Spark's stricter limits. */
function withinSparkLimits(text: string): boolean {
  const keys: Array<Set<string> | null> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      keys.push(c === 0x7b ? new Set() : null);
      if (keys.length > jsonLimits.maxDepth) return false;
    } else if (c === 0x7d || c === 0x5d) {
      keys.pop();
    } else if (c === 0x22) {
      let j = i + 1;
      let escaped = false;
      while (text.charCodeAt(j) !== 0x22) {
        if (text.charCodeAt(j) === 0x5c) {
          escaped = true;
          j++;
        }
        j++;
      }
      const decoded = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
      if (loneSurrogate.test(decoded)) return false;
      i = j;
      let k = j + 1;
      while (isWs(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) === 0x3a) {
        const set = keys[keys.length - 1];
        if (decoded.length > jsonLimits.maxKeyLength || set?.has(decoded)) return false;
        set?.add(decoded);
      }
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i;
      while (j < text.length && /[-+0-9.eE]/.test(text[j] as string)) j++;
      if (numberDigits(text.slice(i, j)) > jsonLimits.maxNumberDigits) return false;
      i = j - 1;
    }
  }
  return true;
}

/** Parses one JSON object as Spark would accept it; null when it is not one (→ invalid_json). */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  return withinSparkLimits(text) ? (value as Record<string, unknown>) : null;
}
