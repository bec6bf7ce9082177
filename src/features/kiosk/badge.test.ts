import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { badgeQrSvgDataUrl, newBadgeCode, staffByBadge } from './badge';
import { decodeQrFrame } from './qr-decode';

/** Renders a QR code as a camera-like RGBA frame: dark modules on white, a quiet zone, `scale` px per module. */
function frameOf(text: string, scale = 4, margin = 4) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const size = (n + 2 * margin) * scale;
  const px = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.floor(y / scale) - margin;
      const c = Math.floor(x / scale) - margin;
      if (r >= 0 && c >= 0 && r < n && c < n && qr.modules.get(r, c)) {
        const i = (y * size + x) * 4;
        px[i] = px[i + 1] = px[i + 2] = 0;
      }
    }
  }
  return { px, size };
}

describe('QR badges', () => {
  it.each(['QR-H0012', 'B-0f8e2c1a-5b7d-4c3e-9a1f-2d6b8e4c7a90', '张伟-H0012'])('a printed badge %j reads back from a camera frame', (text) => {
    const { px, size } = frameOf(text);
    expect(decodeQrFrame(px, size, size)).toBe(text);
  });

  it('a frame without a code reads as null', () => {
    const blank = new Uint8ClampedArray(64 * 64 * 4).fill(255);
    expect(decodeQrFrame(blank, 64, 64)).toBeNull();
  });

  it('finds the active person with exactly that badge code', () => {
    const staff = [
      { id: 'a', badgeCode: 'QR-H0001', status: 'on-post' as const },
      { id: 'b', badgeCode: 'QR-H0002', status: 'left' as const },
      { id: 'c', status: 'on-post' as const },
    ];
    expect(staffByBadge(staff, 'QR-H0001')?.id).toBe('a');
    expect(staffByBadge(staff, ' QR-H0001 ')?.id).toBe('a');
    expect(staffByBadge(staff, 'qr-h0001')).toBeUndefined();
    expect(staffByBadge(staff, 'QR-H0002')).toBeUndefined();
    expect(staffByBadge(staff, '')).toBeUndefined();
  });

  it('prints as an SVG data URL, and new codes are unique and fit the schema', async () => {
    const url = await badgeQrSvgDataUrl('QR-H0012');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.split(',')[1]!)).toContain('<svg');
    const codes = new Set(Array.from({ length: 50 }, newBadgeCode));
    expect(codes.size).toBe(50);
    for (const c of codes) expect(c.length).toBeLessThanOrEqual(100);
  });
});
