import { createParser } from 'eventsource-parser';
import { API_BASE } from './api';

export interface ChangeMessage {
  collection: string;
  documents: Record<string, unknown>[];
  checkpoint: { seq: number };
}

export interface ChangeStreamHandlers {
  onChange(message: ChangeMessage): void;
  /** After every (re)connection but the first: anything may have been missed, so replications RESYNC. */
  onReconnect(): void;
  onConnectedChange(connected: boolean): void;
  /** 401: the session is no longer valid; the stream stops until a new sign-in. */
  onUnauthorized(): void;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * The one multiplexed SSE stream of live changes for all collections (a stream
 * per collection would exhaust the browser's six connections per origin).
 * Read with fetch so the bearer token travels in a header, not in the URL.
 */
export class ChangeStream {
  private abort?: AbortController;
  private stopped = false;
  private everConnected = false;
  private backoff = 1000;
  private wake?: () => void;

  constructor(
    private readonly token: string,
    private readonly handlers: ChangeStreamHandlers,
    private readonly baseUrl = '',
  ) {}

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  /** Skip the back-off wait (the browser came back online). */
  reconnectNow(): void {
    this.backoff = 1000;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.connectOnce();
      } catch {
        // A dropped connection or a network error: try again after the back-off.
      }
      this.handlers.onConnectedChange(false);
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.backoff);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    }
  }

  private async connectOnce(): Promise<void> {
    this.abort = new AbortController();
    const res = await fetch(`${this.baseUrl}${API_BASE}/replication/stream`, {
      headers: { authorization: `Bearer ${this.token}`, accept: 'text/event-stream' },
      signal: this.abort.signal,
      cache: 'no-store',
    });
    if (res.status === 401) {
      this.stopped = true;
      this.handlers.onUnauthorized();
      return;
    }
    if (!res.ok || !res.body) throw new Error(`stream HTTP ${res.status}`);
    this.backoff = 1000;
    this.handlers.onConnectedChange(true);
    if (this.everConnected) this.handlers.onReconnect();
    this.everConnected = true;
    const parser = createParser({
      onEvent: (event) => {
        if (event.event !== 'change') return;
        try {
          this.handlers.onChange(JSON.parse(event.data) as ChangeMessage);
        } catch {
          // A garbled frame: the next RESYNC or pull will catch up.
        }
      },
    });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(value);
    }
  }
}
