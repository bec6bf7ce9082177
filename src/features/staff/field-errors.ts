import type { z } from 'zod';

/**
 * A validation error of one field as a message key under `staff.errors` and
 * its parameters, so the same zod issue reads well in zh-CN and en.
 */
export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}

/** `certificates.0.expiresOn` for a zod path. */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/** One zod issue as a field error (the shared schema's messages are English; this picks the translated one). */
export function issueToError(issue: z.core.$ZodIssue): FieldError {
  switch (issue.code) {
    case 'invalid_type':
      // zod leaves the input out of issues; its message names what was received.
      if (issue.expected === 'int') return { key: 'integer' };
      if (/received (undefined|null)$/.test(issue.message)) return { key: 'required' };
      if (issue.expected === 'number') return { key: 'number' };
      return { key: 'invalid' };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? { key: 'required' } : { key: 'tooShort', params: { min } };
      if (issue.origin === 'array') return { key: 'tooFew', params: { min } };
      return { key: 'min', params: { min } };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return { key: 'tooLong', params: { max } };
      if (issue.origin === 'array') return { key: 'tooMany', params: { max } };
      return { key: 'max', params: { max } };
    }
    case 'invalid_format':
      if (issue.format === 'date') return { key: 'date' };
      if (issue.format === 'regex' && issue.message === 'HH:MM') return { key: 'clockTime' };
      return { key: 'format' };
    case 'invalid_value':
      return { key: 'choice' };
    case 'custom':
      if (issue.message === 'contractEnd is before contractStart') return { key: 'contractEndBeforeStart' };
      return { key: 'invalid' };
    default:
      return { key: 'invalid' };
  }
}

/** The first error of each field, keyed by its path. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const issue of issues) {
    const key = pathKey(issue.path);
    if (!(key in out)) out[key] = issueToError(issue);
  }
  return out;
}
