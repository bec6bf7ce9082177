import { it } from 'vitest';
import { Worker } from 'node:worker_threads';
it('t', async () => {
  const file = new URL('./client-worker.ts', import.meta.url).href;
  for (const n of [1, 2]) {
    const t0 = Date.now();
    const boot = `const t0=Date.now(); import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(file)}); }).catch(e => { require('worker_threads').parentPort.postMessage({ err: String(e), t: Date.now()-t0 }); })`;
    const w = new Worker(boot, { eval: true, workerData: { index: n, baseUrl: 'http://127.0.0.1:1', login: { token: 'x' }, userId: 'u', collections: ['rosters'] } });
    const m = await new Promise((r) => w.once('message', r));
    console.log('worker', n, Date.now() - t0, JSON.stringify(m).slice(0, 200));
    await w.terminate();
  }
}, 120000);
