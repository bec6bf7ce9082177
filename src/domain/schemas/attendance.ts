import { z } from 'zod';
import { daySchema, docBase, idSchema, instantSchema } from './common';

/**
 * Attendance is append-only (DOMAIN.md "Attendance"): a check-in is never
 * edited; a correction or a verified missing punch is a new event that points
 * at what it amends.
 */
export const attendanceEventKinds = [
  'check-in',
  'check-out',
  'left-post',
  'returned',
  'correction',
  'verified-missing-punch',
] as const;
export const attendanceEventKindSchema = z.enum(attendanceEventKinds);

export const punchMethodSchema = z.enum(['pin', 'qr', 'manual']);

export const attendanceEventSchema = z
  .object({
    ...docBase,
    staffId: idSchema,
    kind: attendanceEventKindSchema,
    method: punchMethodSchema,
    /** The device's wall clock when the event happened (UTC). Not trusted blindly: see `receivedAt`. */
    deviceTime: instantSchema,
    /** Hybrid logical clock stamp of the device (src/domain/hlc.ts); orders events across devices. */
    hlc: z.string().min(1).max(64),
    /** Set by the server when it first accepts the event. */
    receivedAt: instantSchema.optional(),
    /** For corrections: the event this one amends. */
    amends: idSchema.optional(),
    /** For corrections and verified missing punches: the corrected time. */
    correctedTime: instantSchema.optional(),
    /** For verified missing punches: which punch of which day. */
    punch: z.enum(['in', 'out']).optional(),
    day: daySchema.optional(),
    explanation: z.string().max(2000).optional(),
    witness: z.string().max(200).optional(),
    approvedBy: idSchema.optional(),
    note: z.string().max(2000).optional(),
  })
  .strict();

export type AttendanceEvent = z.infer<typeof attendanceEventSchema>;
export type AttendanceEventKind = z.infer<typeof attendanceEventKindSchema>;
