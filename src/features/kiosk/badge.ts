import type { Staff } from '../../domain/schemas/staff';

/**
 * QR badges: each staff record's `badgeCode` printed as a QR code, read back
 * at the kiosk from camera frames (./qr-decode.ts, loaded when a scanner opens).
 */

/** The active staff member whose badge carries this code (exact match: a badge is a credential). */
export function staffByBadge<S extends Pick<Staff, 'badgeCode' | 'status'>>(staff: readonly S[], code: string): S | undefined {
  const wanted = code.trim();
  if (!wanted) return undefined;
  return staff.find((s) => s.status !== 'left' && s.badgeCode === wanted);
}

/** A badge QR code as an SVG data URL for printing (vector, so it stays sharp on paper). */
export async function badgeQrSvgDataUrl(code: string): Promise<string> {
  // The QR encoder loads only when a badge is shown or printed, never with the first screen.
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(code, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A fresh unguessable badge code (122 random bits), for staff who have none or lost theirs. */
export function newBadgeCode(): string {
  return `B-${crypto.randomUUID()}`;
}
