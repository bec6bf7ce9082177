import { describe, expect, it } from 'vitest';
import { parsePostQr, postQrPayload } from './post-qr';

describe('post QR codes', () => {
  it('round-trips, special characters included', () => {
    for (const [siteId, postId] of [['site-hall-1', 'post-window-1'], ['场所:1', 'A 01']]) {
      expect(parsePostQr(postQrPayload(siteId!, postId!))).toEqual({ siteId, postId });
    }
  });

  it.each([['hallops:post:site-hall-1'], ['hallops:post::p'], ['https://example.com'], ['hallops:post:a:b:c'], ['hallops:post:%E0:x']])('rejects %s', (text) => {
    expect(parsePostQr(text)).toBeNull();
  });

  it('tolerates surrounding whitespace from scanners', () => {
    expect(parsePostQr('  hallops:post:s:p\n')).toEqual({ siteId: 's', postId: 'p' });
  });
});
