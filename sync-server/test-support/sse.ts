import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseClient {
  response: Response;
  /** The next event of this name (earlier events of other names are skipped), or a timeout error. */
  next(event: string, timeoutMs?: number): Promise<{ event: string; data: unknown }>;
  /** Every event received so far. */
  received: { event: string; data: unknown }[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** Node 20 has no EventSource: read the stream with fetch and parse it with eventsource-parser. */
export async function openSse(url: string, init: RequestInit = {}): Promise<SseClient> {
  const controller = new AbortController();
  const response = await fetch(url, { ...init, signal: controller.signal });
  const received: { event: string; data: unknown }[] = [];
  const waiters: { event: string; resolve: (e: { event: string; data: unknown }) => void }[] = [];
  let cursor = 0;
  const deliver = () => {
    for (let w = waiters[0]; w; w = waiters[0]) {
      const idx = received.findIndex((e, i) => i >= cursor && e.event === w.event);
      if (idx < 0) return;
      cursor = idx + 1;
      waiters.shift();
      w.resolve(received[idx]);
    }
  };
  const parser = createParser({
    onEvent(msg: EventSourceMessage) {
      received.push({ event: msg.event ?? 'message', data: JSON.parse(msg.data) as unknown });
      deliver();
    },
  });
  const ended = (async () => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        parser.feed(decoder.decode(chunk, { stream: true }));
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    response,
    received,
    ended,
    next(event, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${event}" event within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          event,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
        deliver();
      });
    },
    close: () => controller.abort(),
  };
}
