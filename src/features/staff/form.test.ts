import { describe, expect, it } from 'vitest';
import type { Staff } from '../../domain/schemas/staff';
import { candidateOf, emptyCertificate, formOf, validateForm, type FormContext } from './form';
import { staffIdFor } from './import';

const stamp = { updatedAt: '2025-06-01T00:00:00.000Z', updatedBy: 'user-manager', deviceId: 'dev-1' };
const stored: Staff = {
  id: 'staff-00001',
  siteId: 'site-hall-1',
  ...stamp,
  staffNo: 'YG00001',
  name: '王丽',
  pinyinInitials: 'wl',
  gender: 'female',
  postId: 'post-window-1',
  status: 'on-post',
  idNumber: '110101199003071234',
  phone: '13812345678',
  monthlyWage: 5200,
  certificates: [{ kind: '健康证', issuedOn: '2025-01-01', expiresOn: '2025-12-31' }],
  pin: { algorithm: 'PBKDF2-SHA256', iterations: 100000, salt: 'salt-salt', hash: 'hash-hash-hash-hash' },
  hiredOn: '2024-03-01',
  onboardingDocuments: { idCopies: 2, photos: true, householdRegisterCopy: false, diplomaCopy: true, bankCardCopy: true },
};
const ctx = (over: Partial<FormContext> = {}): FormContext => ({
  role: 'admin',
  otherStaffNos: new Set(['yg00002']),
  postIds: new Set(['post-window-1', 'post-window-2']),
  stamp,
  ...over,
});

describe('staff form', () => {
  it('round-trips a stored record unchanged, kiosk PIN included', () => {
    const result = validateForm(formOf(stored, { siteId: 'x' }), stored, ctx());
    const { updatedAt: _a, updatedBy: _b, deviceId: _c, ...rest } = stored;
    expect(result).toEqual({ ok: true, doc: rest });
  });

  it('makes a new record with an id from its staff number', () => {
    const form = { ...formOf(undefined, { siteId: 'site-hall-1' }), staffNo: 'N1', name: '李娜', pinyinInitials: 'LN', gender: 'female' as const };
    const result = validateForm(form, undefined, ctx());
    expect(result).toMatchObject({ ok: true, doc: { id: staffIdFor('N1'), siteId: 'site-hall-1', pinyinInitials: 'ln', status: 'on-post', certificates: [] } });
    expect(candidateOf(form, undefined)).not.toHaveProperty('monthlyWage');
  });

  it('reports each bad field', () => {
    const form = {
      ...formOf(stored, { siteId: 'x' }),
      name: '',
      monthlyWage: 'abc',
      contractStart: '2025-02-01',
      contractEnd: '2025-01-01',
      staffNo: 'YG00002',
      postId: 'post-elsewhere',
      certificates: [{ ...emptyCertificate, kind: '健康证' }],
      idCopies: '3',
    };
    const result = validateForm(form, stored, ctx());
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual({
      name: { key: 'required' },
      monthlyWage: { key: 'number' },
      contractEnd: { key: 'contractEndBeforeStart' },
      'certificates.0.issuedOn': { key: 'required' },
      staffNo: { key: 'duplicateExisting' },
      postId: { key: 'postNotAtSite' },
      idCopies: { key: 'max', params: { max: 2 } },
    });
  });

  it('needs the leaving day of someone who left', () => {
    const form = { ...formOf(stored, { siteId: 'x' }), status: 'left' as const };
    expect(validateForm(form, stored, ctx())).toEqual({ ok: false, errors: { leftOn: { key: 'leftOnRequired' } } });
    expect(validateForm({ ...form, leftOn: '2025-06-01' }, stored, ctx()).ok).toBe(true);
  });

  it('never lets a manager overwrite fields they only see masked', () => {
    const form = { ...formOf(stored, { siteId: 'x' }), idNumber: '1101**********1234', phone: '', monthlyWage: '', name: '王丽丽' };
    const result = validateForm(form, stored, ctx({ role: 'manager' }));
    expect(result).toMatchObject({ ok: true, doc: { name: '王丽丽', idNumber: stored.idNumber, phone: stored.phone, monthlyWage: 5200 } });
  });
});
