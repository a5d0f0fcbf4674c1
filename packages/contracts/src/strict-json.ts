/**
 * JSON parsing with the limits Spark's `parse_json` (Jackson) enforces, so the TypeScript
 * validator and the Spark SQL agree on what is `invalid_json`:
 * - duplicate keys in any object (after unescaping) are rejected,
 * - strings or keys holding a lone UTF-16 surrogate are rejected,
 * - nesting deeper than 999 (Jackson's 1000, less the array the Spark SQL wraps records in), integer literals of more than 1000 digits and keys longer than
 *   50,000 characters are rejected.
 * Known divergence not reproduced: strings over 20,000,000 characters (beyond Kafka's record size).
 */
export const jsonLimits = { maxDepth: 999, maxIntegerDigits: 1000, maxKeyLength: 50_000 } as const;

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
      let integral = true;
      while (j < text.length && /[-+0-9.eE]/.test(text[j] as string)) {
        if (!/[-0-9]/.test(text[j] as string)) integral = false;
        j++;
      }
      const digits = j - i - (c === 0x2d ? 1 : 0);
      if (integral && digits > jsonLimits.maxIntegerDigits) return false;
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
