import { z } from 'zod';
import { policySchema, type Policy } from '../policy';
import { calendarOverrideSchema, docBase, nameSchema, ORG_WIDE } from './common';

/**
 * A site's changes to the organisation's policy. Built from `policySchema` with
 * every default removed: `policySchema.partial()` would fill a half-given group
 * with defaults, and those would silently override the organisation's settings.
 */
function overridesOf(schema: typeof policySchema) {
  const groups: Record<string, z.ZodType> = {};
  for (const [groupName, group] of Object.entries(schema.shape)) {
    const fields: Record<string, z.ZodType> = {};
    for (const [field, fieldSchema] of Object.entries(group.unwrap().shape)) {
      const bare = fieldSchema instanceof z.ZodDefault ? (fieldSchema.unwrap() as z.ZodType) : (fieldSchema as z.ZodType);
      fields[field] = bare.optional();
    }
    groups[groupName] = z.object(fields).strict().optional();
  }
  return z.object(groups).strict() as unknown as z.ZodType<PolicyOverrides>;
}

export type PolicyOverrides = { [G in keyof Policy]?: Partial<Policy[G]> };
export const policyOverridesSchema = overridesOf(policySchema);

/** The policy in force at a site: the organisation's, with the site's overrides field by field. */
export function applyPolicyOverrides(policy: Policy, overrides: PolicyOverrides | undefined): Policy {
  if (!overrides) return policy;
  const merged: Record<string, unknown> = { ...policy };
  for (const [group, values] of Object.entries(overrides)) {
    if (values) merged[group] = { ...(policy as Record<string, object>)[group], ...values };
  }
  return merged as Policy;
}

/** The organisation (the provider): its name, policy and calendar overrides. Lives in the `catalog` collection. */
export const organisationSchema = z
  .object({
    ...docBase,
    kind: z.literal('organisation'),
    name: nameSchema,
    fullName: z.string().max(200).optional(),
    /** The whole policy; defaults fill what an administrator has not changed. */
    policy: policySchema,
    /** Administrator's changes to the official working-day calendar, for every site. */
    calendarOverrides: z.array(calendarOverrideSchema).max(400).default([]),
  })
  .strict()
  .refine((o) => o.siteId === ORG_WIDE, { message: `The organisation is organisation-wide: siteId must be '${ORG_WIDE}'`, path: ['siteId'] });

export type Organisation = z.infer<typeof organisationSchema>;
