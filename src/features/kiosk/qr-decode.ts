import jsQR from 'jsqr';

/**
 * Reading QR badges from camera frames with jsQR. Its own module, loaded with
 * import() when a scanner opens: jsQR is about 45 KiB gzipped and the kiosk's
 * first screen does not need it (the chunk is precached, so scanning works offline).
 */

/** The text a camera frame's QR code holds, or null (RGBA pixels, as a canvas gives them). */
export function decodeQrFrame(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  // Printed badges are dark on light: skipping the inverted pass halves the work per frame.
  const code = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  return code?.data ? code.data : null;
}
