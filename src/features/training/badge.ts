import jsQR from 'jsqr';
import type { Staff } from '../../domain/schemas/staff';

/** Reads the QR code on a staff badge from one camera frame (RGBA pixels), or null when none is found. */
export function decodeBadge(pixels: Uint8ClampedArray, width: number, height: number): string | null {
  const code = jsQR(pixels, width, height, { inversionAttempts: 'attemptBoth' });
  const text = code?.data.trim();
  return text ? text : null;
}

/**
 * The person a scanned or typed badge belongs to: the badge code printed on the
 * QR badge, or the staff number typed by hand (case and spaces ignored).
 */
export function findByBadge<S extends Pick<Staff, 'badgeCode' | 'staffNo'>>(people: readonly S[], code: string): S | undefined {
  const c = code.trim().toUpperCase().replace(/\s+/g, '');
  if (!c) return undefined;
  return people.find((p) => p.badgeCode?.toUpperCase() === c) ?? people.find((p) => p.staffNo.toUpperCase() === c);
}
