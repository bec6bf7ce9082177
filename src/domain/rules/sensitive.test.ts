import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roles, type Role } from '../roles';
import {
  canSeeSensitive,
  defaultSensitiveAccess,
  displaySensitive,
  isMaskedValue,
  keepHiddenSensitive,
  maskIdNumber,
  maskMiddle,
  maskPhone,
  redactStaff,
  resolveSensitiveAccess,
  visibleSensitiveFields,
} from './sensitive';

const ID = '110101199003071234';
const record = { name: '张伟', idNumber: ID, phone: '13812345678', monthlyWage: 5200 };

describe('masking', () => {
  it.each([
    [ID, '1101**********1234'],
    ['31010419851212002X', '3101**********002X'],
    ['12345678', '******78'],
    ['', ''],
  ])('ID number %s → %s', (value, masked) => {
    expect(maskIdNumber(value)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['021-6234567', '021****4567'],
    ['1234', '***4'],
  ])('phone %s → %s', (value, masked) => {
    expect(maskPhone(value)).toBe(masked);
  });

  it('keeps the length, is idempotent and never reveals the middle', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 30 }), fc.nat(6), fc.nat(6), (s, start, end) => {
        const masked = maskMiddle(s, start, end);
        expect([...masked]).toHaveLength([...s].length);
        expect(maskMiddle(masked, start, end)).toBe(masked);
        if ([...s].length > 4 && !s.includes('*')) expect(masked).not.toBe(s);
      }),
    );
  });

  it('recognises a masked copy', () => {
    expect(isMaskedValue(maskIdNumber(ID))).toBe(true);
    expect(isMaskedValue(ID)).toBe(false);
    expect(isMaskedValue(5200)).toBe(false);
  });
});

describe('who sees what', () => {
  const table: [Role, boolean][] = [
    ['admin', true],
    ['manager', false],
    ['superior', false],
    ['team-leader', false],
    ['guide', false],
    ['trainer', false],
    ['inspector', false],
    ['client-reviewer', false],
  ];
  it.each(table)('by default %s sees sensitive fields in clear: %s', (role, clear) => {
    for (const field of ['idNumber', 'phone', 'monthlyWage'] as const) expect(canSeeSensitive(role, field)).toBe(clear);
  });

  it('an organisation can grant a field to managers without granting the others', () => {
    const access = resolveSensitiveAccess({ phone: ['admin', 'manager'] });
    expect(visibleSensitiveFields('manager', access)).toEqual(['phone']);
    expect(visibleSensitiveFields('admin', access)).toEqual(['idNumber', 'phone', 'monthlyWage']);
    expect(visibleSensitiveFields('manager')).toEqual([]);
    expect(access.idNumber).toEqual(defaultSensitiveAccess.idNumber);
  });
});

describe('redactStaff (what a pull sends)', () => {
  it('masks ID and phone and leaves pay out for roles without access', () => {
    const out = redactStaff(record, 'manager');
    expect(out).toEqual({ name: '张伟', idNumber: '1101**********1234', phone: '138****5678' });
    expect('monthlyWage' in out).toBe(false);
    expect(record.idNumber).toBe(ID);
  });

  it('sends everything to roles with access', () => {
    expect(redactStaff(record, 'admin')).toEqual(record);
    const access = resolveSensitiveAccess({ monthlyWage: ['manager'] });
    expect(redactStaff(record, 'manager', access).monthlyWage).toBe(5200);
  });

  it('leaves absent fields absent', () => {
    const noSensitive: { name: string; phone?: string } = { name: '李娜' };
    expect(redactStaff(noSensitive, 'guide')).toEqual({ name: '李娜' });
  });

  it('never lets a role without access read any original ID digit in the middle', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}[\dX]$/), fc.constantFrom(...roles.filter((r) => r !== 'admin')), (id, role) => {
        const out = redactStaff({ idNumber: id }, role);
        expect(out.idNumber!.slice(4, 14)).toBe('**********');
      }),
    );
  });
});

describe('keepHiddenSensitive (what a push may change)', () => {
  it('restores fields the writer could not see, whatever it sent', () => {
    const incoming = { name: '张伟伟', idNumber: '1101**********1234', phone: '13900000000' };
    expect(keepHiddenSensitive(record, incoming, 'manager')).toEqual({ ...record, name: '张伟伟' });
  });

  it('drops a hidden field the stored record did not have', () => {
    const stored = { name: '张伟' };
    expect(keepHiddenSensitive<typeof record>(stored as typeof record, record, 'manager')).toEqual({ name: '张伟' });
  });

  it('lets roles with access change the field', () => {
    const incoming = { ...record, phone: '13900000000' };
    expect(keepHiddenSensitive(record, incoming, 'admin')).toEqual(incoming);
  });

  it('keeps what was entered on a new record', () => {
    expect(keepHiddenSensitive(undefined, record, 'manager')).toEqual(record);
  });
});

describe('displaySensitive (what a view shows)', () => {
  it.each([
    ['admin', 'idNumber', ID, ID, false],
    ['manager', 'idNumber', ID, '1101**********1234', true],
    ['manager', 'phone', '13812345678', '138****5678', true],
    ['manager', 'monthlyWage', 5200, '****', true],
    ['admin', 'monthlyWage', 5200, '5200', false],
    ['manager', 'phone', undefined, '', false],
  ] as const)('%s sees %s %s as %s', (role, field, value, text, masked) => {
    expect(displaySensitive(role, field, value)).toEqual({ text, masked });
  });
});
