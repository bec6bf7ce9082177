import { z } from 'zod';
import { rosterSlotId } from '../ids';
import { daySchema, docBase, idSchema, instantSchema, textSchema } from './common';

/**
 * A roster slot (排班): one person on one post for one shift of one day. Its id is
 * `rosterSlotId(siteId, postId, day, shiftId)`, so a post's shift can be
 * filled only once and two managers planning offline edit the same document.
 * An unfilled shift is the absence of a slot (the roster rules raise the alert).
 */
export const rosterSlotSchema = z
  .object({
    ...docBase,
    kind: z.literal('slot'),
    postId: idSchema,
    day: daySchema,
    /** A shift template of the site. */
    shiftId: idSchema,
    staffId: idSchema,
    /** Staff see published slots only; the monthly rota is published ahead of the month. */
    status: z.enum(['draft', 'published']),
    /** Whether the person is the post's A holder or its B backup covering, or someone else. */
    cover: z.enum(['A', 'B', 'other']).optional(),
    /** Rule-issue codes the manager saw and accepted when publishing (e.g. 'rest-below-minimum'). */
    acknowledgedWarnings: z.array(z.string().min(1).max(100)).max(20).default([]),
    note: textSchema.optional(),
  })
  .strict()
  .superRefine((slot, ctx) => {
    const expected = rosterSlotId(slot.siteId, slot.postId, slot.day, slot.shiftId);
    if (slot.id !== expected) ctx.addIssue({ code: 'custom', path: ['id'], message: `id must be ${expected} (rosterSlotId of site, post, day, shift)` });
  });

/** A request to swap shifts with a colleague or to have one's shift covered; the team leader approves. */
export const swapRequestSchema = z
  .object({
    ...docBase,
    kind: z.literal('swap'),
    /** The requester. */
    staffId: idSchema,
    /** Day of the requester's slot. */
    day: daySchema,
    slotId: idSchema,
    requestType: z.enum(['swap', 'cover']),
    /** The colleague who takes the shift (cover) or swaps theirs. */
    counterpartId: idSchema,
    /** For swaps: the colleague's slot the requester takes in return. */
    counterpartSlotId: idSchema.optional(),
    reason: textSchema.optional(),
    requestedAt: instantSchema,
    /** requested → accepted (by the colleague) → approved / rejected (by the team leader); cancelled by the requester. */
    status: z.enum(['requested', 'accepted', 'approved', 'rejected', 'cancelled']),
    decidedBy: idSchema.optional(),
    decidedAt: instantSchema.optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.requestType === 'swap' && !r.counterpartSlotId) {
      ctx.addIssue({ code: 'custom', path: ['counterpartSlotId'], message: 'A swap names the colleague’s slot' });
    }
    if (r.counterpartId === r.staffId) ctx.addIssue({ code: 'custom', path: ['counterpartId'], message: 'The colleague must be someone else' });
    if ((r.status === 'approved' || r.status === 'rejected') && (!r.decidedBy || !r.decidedAt)) {
      ctx.addIssue({ code: 'custom', path: ['decidedBy'], message: `A ${r.status} request records who decided and when` });
    }
  });

export const openItemSchema = z
  .object({
    text: z.string().min(1).max(500),
    resolved: z.boolean().default(false),
  })
  .strict();

/** Shift handover record (交接班): who hands over, who receives, who witnesses (监交人), what is open. */
export const handoverSchema = z
  .object({
    ...docBase,
    kind: z.literal('handover'),
    day: daySchema,
    postId: idSchema.optional(),
    shiftId: idSchema.optional(),
    /** The person handing over. */
    staffId: idSchema,
    receiverId: idSchema,
    witnessId: idSchema.optional(),
    at: instantSchema,
    openItems: z.array(openItemSchema).max(50).default([]),
    note: textSchema.optional(),
    receiverConfirmedAt: instantSchema.optional(),
    witnessConfirmedAt: instantSchema.optional(),
  })
  .strict();

export type RosterSlot = z.infer<typeof rosterSlotSchema>;
export type SwapRequest = z.infer<typeof swapRequestSchema>;
export type Handover = z.infer<typeof handoverSchema>;
