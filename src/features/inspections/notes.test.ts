import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { yjsText } from '../../domain/demo/quality';
import { docOf, editNote, fromBase64, GENERAL_NOTE, itemNoteField, itemNotes, mergeStored, readNote, stateOf, toBase64 } from './notes';

describe('base64', () => {
  it('round-trips bytes of every value, long inputs included', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    expect(toBase64(new Uint8Array([251, 255]))).toBe('+/8=');
  });
});

describe('notes as Yjs text', () => {
  it('reads the demo data’s notes', () => {
    expect(readNote(yjsText('高峰时段排队较长', 7), GENERAL_NOTE)).toBe('高峰时段排队较长');
  });

  it.each([
    ['', 'abc'],
    ['abc', ''],
    ['窗口整洁', '窗口很整洁'],
    ['abcabc', 'abc'],
    ['same', 'same'],
  ])('editNote turns %j into %j', (from, to) => {
    const doc = new Y.Doc();
    editNote(doc, GENERAL_NOTE, from);
    editNote(doc, GENERAL_NOTE, to);
    expect(doc.getText(GENERAL_NOTE).toString()).toBe(to);
  });

  it('two devices editing offline both keep their words after the merge', () => {
    const start = new Y.Doc();
    editNote(start, GENERAL_NOTE, '检查情况：');
    const base = stateOf(start);

    const a = docOf(base);
    editNote(a, GENERAL_NOTE, '检查情况：卫生良好。');
    editNote(a, itemNoteField('desk-tidy', 0), '桌面有杂物');
    const b = docOf(base);
    editNote(b, GENERAL_NOTE, '检查情况：排队较长。');
    editNote(b, itemNoteField('civil-language', 0), '用语规范');

    const merged = mergeStored(stateOf(a), stateOf(b));
    expect(mergeStored(stateOf(b), stateOf(a))).toBeDefined();
    const general = readNote(merged, GENERAL_NOTE);
    expect(general).toContain('卫生良好。');
    expect(general).toContain('排队较长。');
    expect(general.startsWith('检查情况：')).toBe(true);
    expect([...itemNotes(merged)]).toEqual(
      expect.arrayContaining([
        [itemNoteField('desk-tidy', 0), '桌面有杂物'],
        [itemNoteField('civil-language', 0), '用语规范'],
      ]),
    );
    // The merge is the same whichever way round, and merging again changes nothing.
    expect(readNote(mergeStored(stateOf(b), stateOf(a)), GENERAL_NOTE)).toBe(general);
    expect(readNote(mergeStored(merged, stateOf(a)), GENERAL_NOTE)).toBe(general);
  });

  it('merging with nothing keeps what there is', () => {
    expect(mergeStored(undefined, 'AA==')).toBe('AA==');
    expect(mergeStored('AA==', undefined)).toBe('AA==');
    expect(itemNotes(undefined).size).toBe(0);
  });
});
