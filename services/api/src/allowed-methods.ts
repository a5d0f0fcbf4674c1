import type { FastifyInstance } from "fastify";

/**
 * The methods each route path answers, gathered as routes are added, so a request with another
 * method on a known path is a 405 with `Allow` (RFC 9110), not a 404. Install before the routes.
 */
export function allowedMethods(app: FastifyInstance): (path: string) => string[] {
  const routes: Array<{ pattern: RegExp; methods: Set<string> }> = [];
  app.addHook("onRoute", (route) => {
    // catch-alls (CORS preflight `OPTIONS *`, static files) say nothing about one path
    if (route.url === "*" || route.url.endsWith("/*")) return;
    const source = route.url
      .split("/")
      .map((part) => (part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/");
    const pattern = new RegExp(`^${source}/?$`);
    const methods = [route.method].flat().map((m) => m.toUpperCase());
    const known = routes.find((r) => r.pattern.source === pattern.source);
    if (known) for (const m of methods) known.methods.add(m);
    else routes.push({ pattern, methods: new Set(methods) });
  });
  return (path) => {
    const methods = new Set<string>();
    for (const route of routes) if (route.pattern.test(path)) for (const m of route.methods) methods.add(m);
    if (methods.has("GET")) methods.add("HEAD");
    return methods.size === 0 ? [] : [...methods, "OPTIONS"].sort();
  };
}
