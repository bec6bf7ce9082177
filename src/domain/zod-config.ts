import { z } from 'zod';

/** `true` in the app's build (vite.config.ts `define`); undeclared under Node, where the domain must not look for `window`. */
declare const __BROWSER_BUILD__: boolean | undefined;

/**
 * Zod without its JIT in browsers. The JIT compiles every object schema with
 * `new Function` on its first parse (and probes for `eval` before that): on a
 * 4x-throttled tablet that cost about a second of cold start, and the probe
 * trips the app's strict Content-Security-Policy. A device parses few
 * documents (forms, imports), so the interpreter is the better trade there;
 * the server (Node) keeps the JIT.
 *
 * Imported first by src/main.tsx and by src/domain/policy.ts, which parses at
 * import: the bundler may evaluate the domain's chunk before the entry's own
 * code, so the entry alone cannot guarantee it runs before the first parse.
 */
if (typeof __BROWSER_BUILD__ !== 'undefined' && __BROWSER_BUILD__) z.config({ jitless: true });
