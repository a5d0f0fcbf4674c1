import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

export type ApiClient = ReturnType<typeof createClient<paths>>;

/** An API answer that was not 2xx, with the problem+json detail when the API sent one. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

export function apiClient(baseUrl: string): ApiClient {
  return createClient<paths>({ baseUrl });
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer; anything else becomes an ApiRequestError that says why. */
export async function unwrap<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch (error) {
    throw new ApiRequestError(0, `the API does not answer (${(error as Error).message})`);
  }
  if (answer.response.ok && answer.data !== undefined) return answer.data;
  const problem = answer.error as { detail?: string; title?: string; code?: string } | undefined;
  const detail = problem?.detail ?? problem?.title ?? answer.response.statusText;
  throw new ApiRequestError(answer.response.status, `${answer.response.status}: ${detail}`, problem?.code);
}
