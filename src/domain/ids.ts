import { v7 as uuidv7 } from 'uuid';

/** A new time-ordered id for events and other documents made on the device. */
export function newId(): string {
  return uuidv7();
}

/**
 * Deterministic ids where a duplicate would be wrong: two offline devices
 * creating "the same thing" produce the same id, so replication merges them.
 */
export function rosterSlotId(siteId: string, postId: string, day: string, shiftId: string): string {
  return ['slot', siteId, postId, day, shiftId].map(encodeURIComponent).join(':');
}

export function examResultId(examId: string, traineeId: string, attempt: number): string {
  return ['result', examId, traineeId, String(attempt)].map(encodeURIComponent).join(':');
}
