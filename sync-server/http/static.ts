import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sendProblem } from './problem';

/** Missing files with these extensions are real 404s, not SPA routes (a JS file answered with HTML breaks the app). */
const ASSET_EXTENSION = /\.(js|mjs|css|map|json|webmanifest|png|jpe?g|gif|svg|webp|ico|woff2?|ttf|wasm|txt)$/i;

function setCacheHeaders(reply: FastifyReply, path: string): void {
  if (/[\\/]assets[\\/]/.test(path)) {
    // Vite puts content-hashed files under assets/: they never change.
    reply.header('Cache-Control', 'public, max-age=31536000, immutable');
  } else {
    // index.html, sw.js, manifest: always revalidate so a new version is picked up.
    reply.header('Cache-Control', 'no-cache');
  }
  if (path.endsWith('.webmanifest')) reply.header('Content-Type', 'application/manifest+json; charset=utf-8');
}

/**
 * Serves the built web app and answers everything that matches no route:
 * unknown /api/ paths get a 404 problem; other GETs get index.html so deep
 * links (/kiosk/site-hall-1) load the single-page app (/login gets login.html,
 * the same app with its form already in the page); with no build, 503.
 */
export async function registerStaticApp(app: FastifyInstance, staticDir: string): Promise<void> {
  const built = existsSync(join(staticDir, 'index.html'));
  // The sign-in form prerendered by the build (scripts/prerender-plugin.ts), painted before the JavaScript runs.
  const signInPage = existsSync(join(staticDir, 'login.html'));
  if (built) {
    await app.register(fastifyStatic, { root: staticDir, setHeaders: setCacheHeaders, cacheControl: false });
  } else {
    app.log.warn({ staticDir }, 'no built web app found; run npm run build');
  }

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    if (path === '/api' || path.startsWith('/api/')) {
      return sendProblem(reply, 404, `There is no API endpoint ${request.method} ${path}.`);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendProblem(reply, 404, `Nothing answers ${request.method} ${path}.`);
    }
    if (ASSET_EXTENSION.test(path)) return sendProblem(reply, 404, `There is no file ${path}.`);
    if (!built) {
      return reply.code(503).type('text/plain; charset=utf-8').send('The web app is not built. Run npm run build first.');
    }
    const page = path === '/login' && signInPage ? 'login.html' : 'index.html';
    return reply.header('Cache-Control', 'no-cache').sendFile(page);
  });
}
