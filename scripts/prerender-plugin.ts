import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createServer, type Plugin, type ResolvedConfig } from 'vite';

const ROOT_DIV = '<div id="root"></div>';

/**
 * Writes `login.html` next to the built `index.html`: the same page with the
 * sign-in form already in `#root` (src/app/prerender.tsx), so the first paint
 * of a first visit does not wait for the JavaScript. The server answers /login
 * with it (sync-server/http/static.ts); every other route, and the service
 * worker's offline fallback, keep the empty shell, so a kiosk never flashes a
 * sign-in form.
 */
export function prerenderSignInPlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'hallops-prerender-sign-in',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const shell = await readFile(join(outDir, 'index.html'), 'utf8');
      if (!shell.includes(ROOT_DIV)) throw new Error(`prerender: index.html has no ${ROOT_DIV}`);
      // Vite's SSR loader runs the component tree in Node (TSX, JSON catalogs; CSS imports are skipped).
      const server = await createServer({
        root: config.root,
        configFile: false,
        logLevel: 'error',
        appType: 'custom',
        server: { middlewareMode: true, hmr: false, ws: false },
        optimizeDeps: { noDiscovery: true, include: [] },
        define: { __BROWSER_BUILD__: 'false' },
        resolve: { alias: config.resolve.alias },
      });
      try {
        const { renderSignInPage } = (await server.ssrLoadModule('/src/app/prerender.tsx')) as { renderSignInPage(): Promise<string> };
        const markup = await renderSignInPage();
        await writeFile(join(outDir, 'login.html'), shell.replace(ROOT_DIV, `<div id="root">${markup}</div>`));
      } finally {
        await server.close();
      }
    },
  };
}
