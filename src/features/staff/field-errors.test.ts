import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clockTimeSchema, daySchema } from '../../domain/schemas/common';
import { staffSchema } from '../../domain/schemas/staff';
import { fieldErrors } from './field-errors';

const stamp = { id: 's1', siteId: 'site-1', updatedAt: '2025-06-01T00:00:00.000Z', updatedBy: 'u', deviceId: 'd' };
const person = { ...stamp, staffNo: 'YG1', name: '王丽', pinyinInitials: 'wl', gender: 'female', status: 'on-post' };

function errorsOf(doc: unknown) {
  const r = staffSchema.safeParse(doc);
  return r.success ? {} : fieldErrors(r.error.issues);
}

describe('fieldErrors (shared schema issues as translatable keys)', () => {
  it('accepts a valid person', () => {
    expect(errorsOf(person)).toEqual({});
  });

  it.each([
    ['a missing name', { name: undefined }, 'name', { key: 'required' }],
    ['an empty name', { name: '' }, 'name', { key: 'required' }],
    ['a long name', { name: 'x'.repeat(101) }, 'name', { key: 'tooLong', params: { max: 100 } }],
    ['an unknown gender', { gender: 'other' }, 'gender', { key: 'choice' }],
    ['a bad day', { hiredOn: '2025-13-01' }, 'hiredOn', { key: 'date' }],
    ['a wage that is not a number', { monthlyWage: Number.NaN }, 'monthlyWage', { key: 'number' }],
    ['a negative wage', { monthlyWage: -1 }, 'monthlyWage', { key: 'min', params: { min: 0 } }],
    ['a contract ending before it starts', { contractStart: '2025-02-01', contractEnd: '2025-01-01' }, 'contractEnd', { key: 'contractEndBeforeStart' }],
    ['three ID copies', { onboardingDocuments: { idCopies: 3 } }, 'onboardingDocuments.idCopies', { key: 'max', params: { max: 2 } }],
    ['half an ID copy', { onboardingDocuments: { idCopies: 1.5 } }, 'onboardingDocuments.idCopies', { key: 'integer' }],
    ['a certificate without issue day', { certificates: [{ kind: '健康证' }] }, 'certificates.0.issuedOn', { key: 'required' }],
  ])('%s', (_label, change, path, error) => {
    expect(errorsOf({ ...person, ...change })[path]).toEqual(error);
  });

  it('names clock times and keeps the first error of a field', () => {
    const schema = z.object({ start: clockTimeSchema, day: daySchema.refine(() => false, 'never') });
    const r = schema.safeParse({ start: '25:00', day: 'x' });
    expect(fieldErrors(r.error!.issues)).toEqual({ start: { key: 'clockTime' }, day: { key: 'date' } });
  });
});
