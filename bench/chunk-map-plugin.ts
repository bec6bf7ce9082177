import { relative } from 'node:path';
import type { Plugin } from 'vite';

/** Where the map lands inside the build folder (not precached: the service worker globs no .json). */
export const CHUNK_MAP_FILE = '.vite/chunk-map.json';

export interface ChunkInfo {
  isEntry: boolean;
  isDynamicEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  /** Module id (relative to the project root) → bytes it renders into the chunk, minified. */
  modules: Record<string, number>;
}

/**
 * Writes which source modules ended up in which chunk, so `bench/budget.mjs`
 * can prove feature screens stay out of the first-screen JavaScript and name
 * the heaviest modules when a budget is exceeded (minified code has no names).
 */
export function chunkMapPlugin(): Plugin {
  let root = process.cwd();
  return {
    name: 'hall-ops-chunk-map',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      const chunks: Record<string, ChunkInfo> = {};
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        const modules: Record<string, number> = {};
        for (const [id, info] of Object.entries(out.modules)) {
          modules[id.startsWith('/') ? relative(root, id) : id] = info.renderedLength;
        }
        chunks[out.fileName] = {
          isEntry: out.isEntry,
          isDynamicEntry: out.isDynamicEntry,
          imports: out.imports,
          dynamicImports: out.dynamicImports,
          modules,
        };
      }
      this.emitFile({ type: 'asset', fileName: CHUNK_MAP_FILE, source: JSON.stringify({ chunks }, null, 1) });
    },
  };
}
