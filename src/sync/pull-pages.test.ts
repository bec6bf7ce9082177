import { describe, expect, it } from 'vitest';
import { PullPages } from './replication';

/** A server with `total` documents at seq 1..total, answering pages by checkpoint. */
function server(total: number) {
  const asked: (number | null)[] = [];
  const fetchPage = async (seq: number | null, limit: number) => {
    asked.push(seq);
    const from = seq ?? 0;
    const documents = Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, i) => ({ id: `d${from + i + 1}`, updatedAt: '' }));
    return { documents, checkpoint: documents.length ? { seq: from + documents.length } : seq === null ? null : { seq } };
  };
  return { asked, fetchPage };
}

describe('PullPages', () => {
  it('asks for the next page as soon as a full page arrives, and hands it over when asked', async () => {
    const s = server(25);
    const pages = new PullPages(s.fetchPage);
    const first = await pages.take(null, 10);
    expect(first.documents).toHaveLength(10);
    expect(s.asked).toEqual([null, 10]);
    const second = await pages.take(10, 10);
    expect(second.documents[0]!.id).toBe('d11');
    expect(s.asked).toEqual([null, 10, 20]);
    const third = await pages.take(20, 10);
    // A short page: caught up, nothing read ahead.
    expect(third.documents).toHaveLength(5);
    expect(s.asked).toEqual([null, 10, 20]);
  });

  it('drops a read-ahead for another checkpoint (a RESYNC from elsewhere) and refetches a failed one', async () => {
    const s = server(30);
    let fail = false;
    const pages = new PullPages(async (seq, limit) => {
      if (fail) {
        fail = false;
        throw new Error('network');
      }
      return s.fetchPage(seq, limit);
    });
    await pages.take(null, 10);
    expect((await pages.take(5, 10)).documents[0]!.id).toBe('d6');
    fail = true;
    await pages.take(15, 10).catch(() => undefined);
    expect((await pages.take(25, 10)).documents[0]!.id).toBe('d26');
  });
});
