import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyRequest } from "fastify";

/** What /config.json tells the page, from the request's host (the browser reaches the API by the same name). */
export type RuntimeConfigOf = (request: FastifyRequest) => Record<string, string>;

export const hostOf = (request: FastifyRequest) => {
  const host = request.hostname.replace(/:\d+$/, "");
  return host === "" ? "localhost" : host;
};

/**
 * Serves the built app from `dist`: hashed assets cached for a year, index.html never cached,
 * every other GET path answered with index.html (the app routes in the browser), /config.json.
 */
export async function serveApp(app: FastifyInstance, dist: string, runtimeConfig: RuntimeConfigOf) {
  const index = join(dist, "index.html");
  if (!existsSync(index)) {
    throw new Error(`no built dashboard at ${dist}; build it with: npm run build -w @ecomstream/dashboard`);
  }
  const html = readFileSync(index, "utf8");
  app.get("/config.json", async (request, reply) => {
    reply.header("cache-control", "no-store");
    return runtimeConfig(request);
  });
  await app.register(fastifyStatic, {
    root: dist,
    index: false,
    wildcard: false,
    setHeaders: (reply, path) => {
      if (path.startsWith(join(dist, "assets")))
        reply.header("cache-control", "public, max-age=31536000, immutable");
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const accepts = request.headers.accept ?? "";
    if (
      request.method === "GET" &&
      !request.url.startsWith("/api/") &&
      !request.url.startsWith("/assets/") &&
      accepts.includes("text/html")
    ) {
      return reply.header("cache-control", "no-cache").type("text/html; charset=utf-8").send(html);
    }
    return reply.code(404).send({ message: `${request.method} ${request.url} not found` });
  });
  app.get("/", async (_request, reply) =>
    reply.header("cache-control", "no-cache").type("text/html; charset=utf-8").send(html),
  );
}
