import { isAbsolute, resolve } from "node:path";
import { Invalid, type Parser } from "./config-spec.js";

/** The parsers of the settings tables; each refuses with the reason a user reads after `NAME=value`. */

export const text: Parser<string> = { parse: (value) => value, format: (value) => value };

export function int(min: number, max: number): Parser<number> {
  return {
    parse(value) {
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max)
        throw new Invalid(`must be an integer from ${min} to ${max}`);
      return parsed;
    },
    format: String,
  };
}

/** A TCP port. */
export const port = int(1, 65535);

/** A Spark interval such as `2 seconds`, `500 milliseconds`, `1 hour`. */
export const duration: Parser<string> = {
  parse(value) {
    if (!/^\d+ (millisecond|second|minute|hour|day)s?$/.test(value))
      throw new Invalid("must look like '2 seconds' or '10 minutes'");
    return value;
  },
  format: (value) => value,
};

/** A URL of one of `schemes`, kept as given except for a trailing `/` when `trimSlash`. */
export function url(schemes: readonly string[], options: { trimSlash?: boolean } = {}): Parser<string> {
  return {
    parse(value) {
      let scheme: string;
      try {
        scheme = new URL(value).protocol.replace(/:$/, "");
      } catch {
        throw new Invalid(`is not a URL (expected ${schemes.map((s) => `${s}://…`).join(" or ")})`);
      }
      if (!schemes.includes(scheme))
        throw new Invalid(`must use ${schemes.map((s) => `${s}://`).join(" or ")}`);
      return options.trimSlash ? value.replace(/\/$/, "") : value;
    },
    format: (value) => value,
  };
}

/** `host:port[,host:port…]`. */
export const hostPorts: Parser<string> = {
  parse(value) {
    for (const part of value.split(","))
      if (!/^[A-Za-z0-9.\-_[\]:]+:\d{1,5}$/.test(part.trim()))
        throw new Invalid("must be host:port[,host:port…]");
    return value;
  },
  format: (value) => value,
};

/** A text matching `pattern`, refused with `reason`. */
export function matching(pattern: RegExp, reason: string): Parser<string> {
  return {
    parse(value) {
      if (!pattern.test(value)) throw new Invalid(reason);
      return value;
    },
    format: (value) => value,
  };
}

/** A text matching `pattern`, refused with `must look like <example>`. */
export const shaped = (pattern: RegExp, example: string): Parser<string> =>
  matching(pattern, `must look like ${example}`);

/** One of `choices`; `reason` replaces `must be one of a, b, c`. */
export function oneOf<const C extends string>(choices: readonly C[], reason?: string): Parser<C> {
  return {
    parse(value) {
      const found = choices.find((choice) => choice === value);
      if (found === undefined) throw new Invalid(reason ?? `must be one of ${choices.join(", ")}`);
      return found;
    },
    format: (value) => value,
  };
}

/** A secret of `min` characters or more (refused without echoing it). */
export function secret(min: number): Parser<string> {
  return {
    parse(value) {
      if (value.length < min) throw new Invalid(`must have ${min} characters or more`, true);
      return value;
    },
    format: (value) => value,
  };
}

/** A folder; a relative one is taken from `root` (the checkout). */
export function folder(root: string): Parser<string> {
  return { parse: (value) => (isAbsolute(value) ? value : resolve(root, value)), format: (value) => value };
}

/** Comma-separated web origins (`http://host:port`). */
export const origins: Parser<string[]> = {
  parse(value) {
    const list = value.split(",").map((origin) => origin.trim());
    if (list.some((origin) => !/^https?:\/\/[^/\s]+$/.test(origin)))
      throw new Invalid("must be origins like http://host:port, comma-separated");
    return list;
  },
  format: (value) => value.join(","),
};
