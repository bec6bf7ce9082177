import { z } from 'zod';

/** The roles of DOMAIN.md "Who uses it". */
export const roles = [
  'guide',
  'team-leader',
  'trainer',
  'inspector',
  'manager',
  'superior',
  'client-reviewer',
  'admin',
] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** What a signed-in user or enrolled device is, as the server tells the client. */
export const sessionUserSchema = z
  .object({
    id: z.string().min(1).max(100),
    username: z.string().min(1).max(100),
    displayName: z.string().min(1).max(100),
    role: roleSchema,
    /** Sites in scope; the ORG_WIDE value '*' means every site. */
    siteIds: z.array(z.string().min(1).max(100)),
    /** The staff record of a user who also works on the floor (for "my shifts", own leave and swaps). */
    staffId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(100),
    password: z.string().min(1).max(200),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;
