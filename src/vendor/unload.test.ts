import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { add, getSize, removeAll, runAll } from './unload';

// The unit tests run in Node: a window is an EventTarget as far as this module is concerned.
const page = new EventTarget();
beforeAll(() => {
  (globalThis as { window?: unknown }).window = page;
});
afterAll(() => {
  delete (globalThis as { window?: unknown }).window;
});
afterEach(() => removeAll());

describe('unload on pagehide (the unload package API)', () => {
  it('runs each listener once when the page hides, and never on the deprecated unload event', async () => {
    const listen = vi.spyOn(page, 'addEventListener');
    const a = vi.fn();
    const b = vi.fn();
    add(a);
    const handle = add(b);
    expect(getSize()).toBe(2);
    expect(listen.mock.calls.map((c) => c[0])).toEqual(['pagehide']);
    handle.remove();
    page.dispatchEvent(new Event('pagehide'));
    await Promise.resolve();
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).not.toHaveBeenCalled();
    expect(getSize()).toBe(0);
    await runAll();
    expect(a).toHaveBeenCalledTimes(1);
  });

  it('run() calls a listener at once and forgets it; a non-function is refused', () => {
    const fn = vi.fn(() => 'done');
    expect(add(fn).run()).toBe('done');
    expect(getSize()).toBe(0);
    expect(() => add('nope' as never)).toThrow('Listener is no function');
  });
});
