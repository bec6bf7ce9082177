/// <reference lib="webworker" />
import imageCompression from 'browser-image-compression';

/**
 * Compresses photos off the main thread (src/sync/media.ts `compressImage`),
 * so fifty photos in one inspection leave the page responsive. A module
 * worker of this origin: the Content-Security-Policy allows it, unlike the
 * library's own blob-URL worker that loads its code from a CDN.
 */

type Job = { id: number; file: Blob; options: Parameters<typeof imageCompression>[1] };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<Job>) => {
  const { id, file, options } = e.data;
  try {
    const input = file instanceof File ? file : new File([file], 'photo', { type: file.type });
    const blob = await imageCompression(input, { ...options, useWebWorker: false });
    scope.postMessage({ id, blob });
  } catch (err) {
    scope.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
};
