import { createParser, type EventSourceMessage } from "eventsource-parser";

/**
 * Reads a text/event-stream response message by message (the tests use it). `next`
 * rejects when no message arrives within `timeoutMs`.
 */
export function sseReader(response: Response) {
  if (!response.body) throw new Error("the response has no body");
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const queue: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => queue.push(message) });
  return {
    async next(timeoutMs = 5000): Promise<EventSourceMessage> {
      const deadline = Date.now() + timeoutMs;
      while (queue.length === 0) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no server-sent event within ${timeoutMs} ms`);
        let timer: NodeJS.Timeout | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<"timeout">((resolve) => {
            timer = setTimeout(() => resolve("timeout"), left);
          }),
        ]).finally(() => clearTimeout(timer));
        if (chunk === "timeout") continue;
        if (chunk.done) throw new Error("the event stream ended");
        parser.feed(chunk.value);
      }
      return queue.shift() as EventSourceMessage;
    },
    async close(): Promise<void> {
      await reader.cancel().catch(() => undefined);
    },
  };
}
