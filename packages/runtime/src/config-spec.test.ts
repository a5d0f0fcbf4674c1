import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { int, port, secret, text } from "./config-parsers.js";
import {
  derived,
  envOfSettings,
  loadSettings,
  optional,
  readSettings,
  settingsAsEnv,
  settingsMarkdown,
  variable,
} from "./config-spec.js";
import { ConfigError } from "./errors.js";

const table = [
  variable("server.port", "T_PORT", { doc: "port", default: "80", parser: port }),
  variable("server.url", "T_URL", {
    doc: "where | it listens",
    default: (get) => `http://localhost:${get("T_PORT")}`,
    shown: "`http://localhost:$T_PORT`",
    parser: text,
  }),
  derived("server.local", (get): boolean => get("T_URL").startsWith("http://localhost:")),
  optional("token", "T_TOKEN", { doc: "token", shown: "none", parser: secret(4) }),
  variable("retries", "T_RETRIES", { doc: "retries", default: "3", parser: int(0, 9) }),
] as const;

describe("a settings table", () => {
  it("lands each value at its path, defaults following the variables above them", () => {
    assert.deepEqual(loadSettings(table, {}), {
      server: { port: 80, url: "http://localhost:80", local: true },
      token: undefined,
      retries: 3,
    });
    const set = loadSettings(table, { T_PORT: " 8080 ", T_TOKEN: "abcd", T_RETRIES: "" });
    assert.deepEqual(set, {
      server: { port: 8080, url: "http://localhost:8080", local: true },
      token: "abcd",
      retries: 3,
    });
    assert.equal(loadSettings(table, { T_URL: "https://x" }).server.local, false);
  });

  it("names every bad variable in one error, a secret without its value", () => {
    const { problems, settings } = readSettings(table, { T_PORT: "0", T_TOKEN: "ab", T_RETRIES: "x" });
    assert.deepEqual(problems, [
      "T_PORT=0 must be an integer from 1 to 65535",
      "T_TOKEN must have 4 characters or more",
      "T_RETRIES=x must be an integer from 0 to 9",
    ]);
    assert.equal(settings.server.port, 80, "a bad value falls back to the default");
    assert.throws(() => loadSettings(table, { T_RETRIES: "10" }), ConfigError);
  });

  it("exports what it read (optional ones only when set) and reads it back the same", () => {
    const settings = loadSettings(table, { T_PORT: "81", T_TOKEN: "abcd" });
    const lines = settingsAsEnv(table, settings);
    assert.deepEqual(lines, [
      ["T_PORT", "81"],
      ["T_URL", "http://localhost:81"],
      ["T_TOKEN", "abcd"],
      ["T_RETRIES", "3"],
    ]);
    assert.deepEqual(loadSettings(table, Object.fromEntries(lines)), settings);
    assert.deepEqual(envOfSettings(table, {}), [
      ["T_PORT", "80"],
      ["T_URL", "http://localhost:80"],
      ["T_RETRIES", "3"],
    ]);
  });

  it("documents each variable as one Markdown row, in order", () => {
    assert.equal(
      settingsMarkdown(table),
      [
        "| variable | default | meaning |",
        "|---|---|---|",
        "| `T_PORT` | `80` | port |",
        "| `T_URL` | `http://localhost:$T_PORT` | where \\| it listens |",
        "| `T_TOKEN` | none | token |",
        "| `T_RETRIES` | `3` | retries |",
      ].join("\n"),
    );
  });

  it("refuses a default that reads a variable listed below it", () => {
    const misordered = [
      variable("a", "T_A", { doc: "a", default: (get) => get("T_B"), shown: "T_B", parser: text }),
      variable("b", "T_B", { doc: "b", default: "b", parser: text }),
    ] as const;
    assert.throws(() => loadSettings(misordered, {}), /T_B is read before it is resolved/);
  });
});
