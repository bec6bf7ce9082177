import { defaultConflictHandler, type RxConflictHandler } from 'rxdb';
import type { CollectionName } from '../domain/collections';
import type { StoredDoc } from './conflicts';
import type { DeviceLogEntry } from './device-log';

/**
 * The RxDB glue for src/db/conflicts.ts. The decisions and the merges behind
 * them (Yjs text, SHA-256 log ids) load on the first conflict, not with the
 * first screen: RxDB awaits `resolve`, and the chunk is precached, so this
 * works offline too.
 */

export interface ConflictHandlerContext {
  /** The device's clock offset (device minus server, ms) at the time of the conflict. */
  clockOffsetMs(): number;
  /** Keeps a losing version in the local conflict log. */
  log(entry: DeviceLogEntry): Promise<unknown>;
  /** The device now owes the server this document again (a merge or a winning local version). */
  owe(doc: StoredDoc): Promise<unknown>;
  now?(): string;
}

/** The RxDB conflict handler of one collection. */
export function conflictHandlerFor(collection: CollectionName, ctx: ConflictHandlerContext): RxConflictHandler<StoredDoc> {
  return {
    // Exact equality (RxDB's own): a master that differs only in its stamps must still reach the device.
    isEqual: defaultConflictHandler.isEqual,
    async resolve(input) {
      const { resolveConflict, conflictLogEntry } = await import('./conflicts');
      const resolution = resolveConflict(
        collection,
        { local: input.newDocumentState, master: input.realMasterState, base: input.assumedMasterState },
        ctx.clockOffsetMs(),
      );
      if (resolution.lost) await ctx.log(conflictLogEntry(collection, resolution.lost, ctx.now?.() ?? new Date().toISOString()));
      if (resolution.doc !== input.realMasterState) await ctx.owe(resolution.doc);
      return resolution.doc;
    },
  };
}
