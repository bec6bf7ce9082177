import { createParser } from 'eventsource-parser';
import { API_BASE, protocolHeaders, serverTimeOf, type TokenSource } from './api';
import { syncStatus } from './status';

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
  /** 401 and the token could not be renewed: the stream stops until a new sign-in. */
  onUnauthorized(): void;
}

const MAX_BACKOFF_MS = 30_000;
/** The server sends a heartbeat every 15 s by default. */
const STALE_AFTER_MS = 50_000;

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
    private readonly auth: TokenSource,
    private readonly handlers: ChangeStreamHandlers,
    private readonly baseUrl = '',
    private readonly minBackoffMs = 1000,
    private readonly headers: Record<string, string> = {},
  ) {
    this.backoff = minBackoffMs;
  }

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
  }

  /** Skip the back-off wait ("sync now"). */
  reconnectNow(): void {
    this.backoff = this.minBackoffMs;
    this.wake?.();
  }

  /** Drops the current connection, which may be dead, and connects again at once (the browser came back online). */
  restart(): void {
    this.abort?.abort();
    this.reconnectNow();
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
      this.backoff = Math.min(Math.max(this.backoff * 2, this.minBackoffMs), MAX_BACKOFF_MS);
    }
  }

  private async connectOnce(): Promise<void> {
    this.abort = new AbortController();
    const token = await this.auth.token();
    const sentAt = Date.now();
    const res = await fetch(`${this.baseUrl}${API_BASE}/replication/stream`, {
      headers: { ...protocolHeaders(), ...this.headers, authorization: `Bearer ${token ?? ''}`, accept: 'text/event-stream' },
      signal: this.abort.signal,
      cache: 'no-store',
    });
    if (res.status === 401) {
      await res.body?.cancel().catch(() => undefined);
      // Renewed: connect again at once. Refused: stop until the user signs in again.
      if (token && (await this.auth.refresh(token))) {
        this.backoff = 0;
        return;
      }
      this.stopped = true;
      this.handlers.onUnauthorized();
      return;
    }
    if (!res.ok || !res.body) throw new Error(`stream HTTP ${res.status}`);
    const serverMs = serverTimeOf(res);
    if (serverMs !== null) syncStatus.observeServerTime(sentAt, serverMs, Date.now() - sentAt);
    this.backoff = this.minBackoffMs;
    this.handlers.onConnectedChange(true);
    if (this.everConnected) this.handlers.onReconnect();
    this.everConnected = true;
    const parser = createParser({
      onEvent: (event) => {
        try {
          if (event.event === 'hello' || event.event === 'heartbeat') {
            // The server's clock: on connect with the round trip, then at each heartbeat.
            const time = Date.parse((JSON.parse(event.data) as { time?: string }).time ?? '');
            const hello = event.event === 'hello';
            if (Number.isFinite(time)) syncStatus.observeServerTime(hello ? sentAt : Date.now(), time, hello ? Date.now() - sentAt : 0);
          } else if (event.event === 'change') {
            this.handlers.onChange(JSON.parse(event.data) as ChangeMessage);
          }
        } catch {
          // A garbled frame: the next RESYNC or pull will catch up.
        }
      },
    });
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    // A connection that stays silent past a few heartbeats is dead (the network went away under it).
    let lastHeard = Date.now();
    const abort = this.abort;
    const watchdog = setInterval(() => {
      if (Date.now() - lastHeard > STALE_AFTER_MS) abort.abort();
    }, STALE_AFTER_MS / 3);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        lastHeard = Date.now();
        parser.feed(value);
      }
    } finally {
      clearInterval(watchdog);
    }
  }
}
