import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeBadge, findByBadge } from './badge';

/** A QR code drawn as a camera frame would show it: black modules on white, with a quiet zone, scaled up. */
function frame(text: string, scale = 6, quiet = 4): { pixels: Uint8ClampedArray; size: number } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const modules = qr.modules.size;
  const size = (modules + 2 * quiet) * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < modules; y++) {
    for (let x = 0; x < modules; x++) {
      if (!qr.modules.get(y, x)) continue;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const i = (((y + quiet) * scale + dy) * size + (x + quiet) * scale + dx) * 4;
          pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
        }
      }
    }
  }
  return { pixels, size };
}

describe('badge scanning', () => {
  it('decodes the code on a staff badge from a camera frame', () => {
    const { pixels, size } = frame('QR-YG00012');
    expect(decodeBadge(pixels, size, size)).toBe('QR-YG00012');
  });

  it('finds nothing in a blank frame', () => {
    const pixels = new Uint8ClampedArray(200 * 200 * 4).fill(255);
    expect(decodeBadge(pixels, 200, 200)).toBeNull();
  });

  const people = [
    { id: 'a', staffNo: 'YG00001', badgeCode: 'QR-YG00001' },
    { id: 'b', staffNo: 'YG00002' },
  ];
  it.each([
    ['QR-YG00001', 'a'],
    [' qr-yg00001 ', 'a'],
    ['YG00002', 'b'],
    ['yg00001', 'a'],
    ['QR-YG00099', undefined],
    ['', undefined],
  ])('badge or staff number %j is %s', (code, id) => {
    expect(findByBadge(people, code)?.id).toBe(id);
  });
});
