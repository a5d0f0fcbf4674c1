import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The Spark Connect session id a stage uses, kept in a file so that a restarted stage reconnects
 * to the same session and adopts the streaming queries it still runs on the server.
 */
export function stageSessionId(file: string): string {
  if (existsSync(file)) {
    const id = readFileSync(file, "utf8").trim();
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return id;
  }
  const id = randomUUID();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${id}\n`);
  return id;
}

/** Replaces the stage's session id with a new one (the old one was released on the server). */
export function renewStageSessionId(file: string): string {
  const id = randomUUID();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${id}\n`);
  return id;
}
