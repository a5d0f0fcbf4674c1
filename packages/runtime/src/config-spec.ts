import { ConfigError } from "./errors.js";

/**
 * The machinery of a settings table: one entry per environment variable (name, doc, default,
 * parser, where its value lands), from which the typed settings object, the loader, the export
 * lines of `./ecom env` and the README's table are derived. The platform's table is `config.ts`;
 * a service with variables of its own writes a table of its own with the same entries.
 */

/** A value a parser refuses; `reason` completes `NAME=value …` (or `NAME …` when the value is secret). */
export class Invalid extends Error {
  constructor(
    readonly reason: string,
    readonly secret = false,
  ) {
    super(reason);
  }
}

/** Text of a variable to its typed value (throws Invalid), and back to text for `./ecom env`. */
export interface Parser<T> {
  parse(text: string): T;
  format(value: T): string;
}

/**
 * The resolved text (as `./ecom env` prints it) of a variable listed earlier in the table: what a
 * default or a derived value depends on. Naming a later or unknown variable throws.
 */
export type Lookup = (name: string) => string;

/** One environment variable. */
export interface Variable<P extends string = string, N extends string = string, T = unknown> {
  readonly kind: "variable";
  /** Where the value lands in the settings object, as a dotted path. */
  readonly at: P;
  readonly name: N;
  readonly doc: string;
  /** The default as the variable's text; undefined: the variable is optional and unset stays undefined. */
  readonly default: ((get: Lookup) => string) | undefined;
  /** The default as the README shows it. */
  readonly shown: string;
  readonly parser: Parser<T>;
}

/** A value computed from variables, not read from one (an endpoint's `embedded`, the cluster's sizes). */
export interface Derived<P extends string = string, T = unknown> {
  readonly kind: "derived";
  readonly at: P;
  readonly derive: (get: Lookup) => T;
}

export type Entry = Variable<string, string, unknown> | Derived<string, unknown>;

/** A variable with a default (a text, or computed from earlier variables: then `shown` is required). */
export function variable<const P extends string, const N extends string, T>(
  at: P,
  name: N,
  spec: { doc: string; parser: Parser<T> } & (
    | { default: string; shown?: string }
    | { default: (get: Lookup) => string; shown: string }
  ),
): Variable<P, N, T> {
  const fallback = spec.default;
  return {
    kind: "variable",
    at,
    name,
    doc: spec.doc,
    default: typeof fallback === "string" ? () => fallback : fallback,
    shown: spec.shown ?? (typeof fallback === "string" ? `\`${fallback}\`` : ""),
    parser: spec.parser,
  };
}

/** A variable without default: undefined in the settings when unset, and not printed by `./ecom env`. */
export function optional<const P extends string, const N extends string, T>(
  at: P,
  name: N,
  spec: { doc: string; parser: Parser<T>; shown: string },
): Variable<P, N, T | undefined> {
  const { parse, format } = spec.parser;
  return {
    kind: "variable",
    at,
    name,
    doc: spec.doc,
    default: undefined,
    shown: spec.shown,
    parser: { parse, format: (value) => (value === undefined ? "" : format(value)) },
  };
}

export function derived<const P extends string, T>(at: P, derive: (get: Lookup) => T): Derived<P, T> {
  return { kind: "derived", at, derive };
}

type Leaf = { at: string; value: unknown };
type LeafOf<E> =
  E extends Variable<infer P, string, infer T>
    ? { at: P; value: T }
    : E extends Derived<infer P, infer T>
      ? { at: P; value: T }
      : never;
type Head<P extends string> = P extends `${infer H}.${string}` ? H : P;
type Under<L extends Leaf, H extends string> = L extends { at: `${H}.${infer R}`; value: infer V }
  ? { at: R; value: V }
  : never;
type Nest<L extends Leaf> = {
  [H in Head<L["at"]>]: [Extract<L, { at: H }>] extends [never]
    ? Nest<Under<L, H>>
    : Extract<L, { at: H }>["value"];
};
/** The settings object a table describes: each entry's value at its path. */
export type SettingsOf<Table extends readonly Entry[]> = Nest<LeafOf<Table[number]>>;
/** The variable names of a table. */
export type NameOf<Table extends readonly Entry[]> = Extract<Table[number], Variable>["name"];

type Env = Record<string, string | undefined>;

/** A variable's own text: undefined when unset or blank (blank means default). */
function given(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function place(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] as string] = value;
}

function pick(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split(".")) node = (node as Record<string, unknown>)[key];
  return node;
}

/**
 * Reads every entry of a table in order, collecting each bad value as one line naming its variable
 * (a bad value falls back to the default, so later entries still read).
 */
export function readSettings<Table extends readonly Entry[]>(
  table: Table,
  env: Env,
): { settings: SettingsOf<Table>; problems: string[] } {
  const settings: Record<string, unknown> = {};
  const problems: string[] = [];
  const texts = new Map<string, string>();
  const get: Lookup = (name) => {
    const text = texts.get(name);
    if (text === undefined)
      throw new Error(`settings: ${name} is read before it is resolved (order the table)`);
    return text;
  };
  for (const entry of table) {
    if (entry.kind === "derived") {
      place(settings, entry.at, entry.derive(get));
      continue;
    }
    const own = given(env, entry.name);
    const fallback = entry.default?.(get);
    let value: unknown;
    try {
      value =
        own === undefined
          ? fallback === undefined
            ? undefined
            : entry.parser.parse(fallback)
          : entry.parser.parse(own);
    } catch (error) {
      if (!(error instanceof Invalid)) throw error;
      problems.push(`${entry.name}${error.secret ? "" : `=${own}`} ${error.reason}`);
      value = fallback === undefined ? undefined : entry.parser.parse(fallback);
    }
    texts.set(entry.name, value === undefined ? "" : entry.parser.format(value));
    place(settings, entry.at, value);
  }
  return { settings: settings as SettingsOf<Table>, problems };
}

/** Reads a table; throws one ConfigError naming every bad variable. */
export function loadSettings<Table extends readonly Entry[]>(table: Table, env: Env): SettingsOf<Table> {
  const { settings, problems } = readSettings(table, env);
  if (problems.length > 0) throw new ConfigError(problems);
  return settings;
}

/** The settings as variables again (optional ones only when set), in the table's order. */
export function settingsAsEnv<Table extends readonly Entry[]>(
  table: Table,
  settings: SettingsOf<Table>,
): Array<[NameOf<Table>, string]> {
  const lines: Array<[NameOf<Table>, string]> = [];
  for (const entry of table) {
    if (entry.kind === "derived") continue;
    const value = pick(settings, entry.at);
    if (value !== undefined) lines.push([entry.name as NameOf<Table>, entry.parser.format(value)]);
  }
  return lines;
}

/** A table's variables as they would be exported, read from `env` (throws a ConfigError on a bad one). */
export function envOfSettings(table: readonly Entry[], env: Env): Array<[string, string]> {
  return settingsAsEnv(table, loadSettings(table, env));
}

/** The table as Markdown: variable, default, meaning. */
export function settingsMarkdown(table: readonly Entry[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  const rows = table.flatMap((entry) =>
    entry.kind === "variable" ? [`| \`${entry.name}\` | ${cell(entry.shown)} | ${cell(entry.doc)} |`] : [],
  );
  return ["| variable | default | meaning |", "|---|---|---|", ...rows].join("\n");
}
