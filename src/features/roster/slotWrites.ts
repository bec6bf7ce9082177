import type { AppDatabase } from '../../db/database';
import { upsertDoc, type Author } from '../../db/write';
import type { SlotFields } from '../../domain/rules/roster-plan';

/** Writes a slot through the app's one write path (stamped, validated with the shared schema). */
export async function writeSlot(db: AppDatabase, slot: SlotFields, author: Author): Promise<void> {
  await upsertDoc(db, 'rosters', { ...slot, kind: 'slot' }, author);
}

/** Writes many slots, reporting progress (publishing a month of a hotline centre is hundreds of documents). */
export async function writeSlots(db: AppDatabase, slots: readonly SlotFields[], author: Author, onProgress?: (done: number) => void): Promise<void> {
  let done = 0;
  for (const slot of slots) {
    await writeSlot(db, slot, author);
    done += 1;
    if (done % 10 === 0 || done === slots.length) onProgress?.(done);
  }
}

/**
 * Removes a slot: an unfilled shift is the absence of a slot. The deletion
 * replicates like any change (the server keeps it as a deleted document).
 */
export async function removeSlot(db: AppDatabase, id: string): Promise<void> {
  const doc = await db.rosters.findOne(id).exec();
  await doc?.remove();
}
