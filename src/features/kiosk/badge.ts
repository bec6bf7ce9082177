import jsQR from 'jsqr';
import QRCode from 'qrcode';
import type { Staff } from '../../domain/schemas/staff';

/**
 * QR badges: each staff record's `badgeCode` printed as a QR code, read back
 * at the kiosk from camera frames with jsQR.
 */

/** The text a camera frame's QR code holds, or null (RGBA pixels, as a canvas gives them). */
export function decodeQrFrame(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  // Printed badges are dark on light: skipping the inverted pass halves the work per frame.
  const code = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  return code?.data ? code.data : null;
}

/** The active staff member whose badge carries this code (exact match: a badge is a credential). */
export function staffByBadge<S extends Pick<Staff, 'badgeCode' | 'status'>>(staff: readonly S[], code: string): S | undefined {
  const wanted = code.trim();
  if (!wanted) return undefined;
  return staff.find((s) => s.status !== 'left' && s.badgeCode === wanted);
}

/** A badge QR code as an SVG data URL for printing (vector, so it stays sharp on paper). */
export async function badgeQrSvgDataUrl(code: string): Promise<string> {
  const svg = await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A fresh unguessable badge code (122 random bits), for staff who have none or lost theirs. */
export function newBadgeCode(): string {
  return `B-${crypto.randomUUID()}`;
}
