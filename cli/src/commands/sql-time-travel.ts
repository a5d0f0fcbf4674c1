import { deltaPath } from "@ecomstream/lake";

/**
 * Time travel by a lake table's name: `<name> VERSION AS OF n` and `<name> TIMESTAMP AS OF …`
 * become ``delta.`<path>` VERSION AS OF n`` (a registered view has no versions; its Delta table
 * does). Only names followed by `VERSION AS OF` / `TIMESTAMP AS OF` (any case) change, outside
 * string literals and quoted identifiers; every other use of a name stays the current snapshot.
 */
export function timeTravelByName(query: string, paths: Readonly<Record<string, string>>): string {
  const names = Object.keys(paths).sort((a, b) => b.length - a.length);
  if (names.length === 0) return query;
  const travel = new RegExp(
    `(?<![\\w.\`])(${names.join("|")})(\\s+)((?:VERSION|TIMESTAMP)\\s+AS\\s+OF\\b)`,
    "gi",
  );
  // split into quoted parts (kept as they are) and the text between them
  const parts = query.split(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`)/);
  return parts
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(travel, (_m, name: string, space: string, clause: string) => {
            const path = paths[name.toLowerCase()] ?? paths[name];
            return path === undefined ? _m : `${deltaPath(path)}${space}${clause}`;
          }),
    )
    .join("");
}
