/**
 * Hybrid logical clock (Kulkarni et al.): stamps that follow the wall clock
 * when it behaves but never go backwards, so events from tablets with wrong
 * clocks still order consistently. A stamp is a string that sorts in time order:
 * `<13-digit ms>:<4-digit counter>:<node>`.
 */
export interface HlcState {
  ms: number;
  counter: number;
  node: string;
}

const MAX_COUNTER = 9999;

export function formatHlc(s: HlcState): string {
  return `${String(s.ms).padStart(13, '0')}:${String(s.counter).padStart(4, '0')}:${s.node}`;
}

export function parseHlc(stamp: string): HlcState {
  const m = /^(\d{13}):(\d{4}):(.+)$/.exec(stamp);
  if (!m) throw new Error(`Not an HLC stamp: ${stamp}`);
  return { ms: Number(m[1]), counter: Number(m[2]), node: m[3]! };
}

/** The next local stamp: advances past both the last stamp and the wall clock. */
export function tickHlc(last: HlcState, wallMs: number): HlcState {
  if (wallMs > last.ms) return { ms: wallMs, counter: 0, node: last.node };
  if (last.counter >= MAX_COUNTER) return { ms: last.ms + 1, counter: 0, node: last.node };
  return { ms: last.ms, counter: last.counter + 1, node: last.node };
}

/** Merges a stamp seen from another node so later local stamps sort after it. */
export function receiveHlc(last: HlcState, remote: HlcState, wallMs: number): HlcState {
  const ms = Math.max(last.ms, remote.ms, wallMs);
  let counter: number;
  if (ms === last.ms && ms === remote.ms) counter = Math.max(last.counter, remote.counter) + 1;
  else if (ms === last.ms) counter = last.counter + 1;
  else if (ms === remote.ms) counter = remote.counter + 1;
  else counter = 0;
  if (counter > MAX_COUNTER) return { ms: ms + 1, counter: 0, node: last.node };
  return { ms, counter, node: last.node };
}
