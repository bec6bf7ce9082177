import { z } from 'zod';
import { idSchema } from '../../domain/schemas/common';
import { api } from '../../sync/api';
import { sessionAuth } from '../../sync/session';

/**
 * The device enrolment protocol (the sync server implements it):
 * POST /devices {siteId, name} → 201 {device, credential} (the credential is shown once);
 * GET /devices → {devices}; DELETE /devices/:id → 204 (revoked).
 * Extra fields the server adds (last seen, revoked at) are kept.
 */
export const deviceSchema = z
  .object({
    id: z.string().min(1),
    siteId: z.string().min(1),
    name: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string().nullable().optional(),
    revokedAt: z.string().nullable().optional(),
    /** Device clock minus server clock at its last sync (ms), and whether that is beyond the drift threshold. */
    clockOffsetMs: z.number().nullable().optional(),
    clockDriftFlagged: z.boolean().optional(),
  })
  .loose();
export type Device = z.infer<typeof deviceSchema>;

export const enrolRequestSchema = z
  .object({
    siteId: idSchema,
    name: z.string().trim().min(1).max(100),
  })
  .strict();
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

const listAnswer = z.object({ devices: z.array(deviceSchema) }).loose();
const enrolAnswer = z.object({ device: deviceSchema, credential: z.string().min(1) }).loose();

export async function listDevices(): Promise<Device[]> {
  return listAnswer.parse(await api<unknown>('/devices', { auth: sessionAuth })).devices;
}

export async function enrolDevice(request: EnrolRequest): Promise<{ device: Device; credential: string }> {
  return enrolAnswer.parse(await api<unknown>('/devices', { auth: sessionAuth, body: enrolRequestSchema.parse(request) }));
}

export async function revokeDevice(id: string): Promise<void> {
  await api<void>(`/devices/${encodeURIComponent(id)}`, { auth: sessionAuth, method: 'DELETE' });
}
