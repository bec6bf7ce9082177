import { describe, expect, it } from 'vitest';
import { loadMigrations, loadNamedStatements, parseNamedStatements } from './sql';

describe('named SQL statements', () => {
  it('splits a file into named statements, dropping comment lines', () => {
    const m = parseNamedStatements('-- header\n-- name: a\n-- what a does\nSELECT 1;\n\n-- name: b\nSELECT\n  2;\n');
    expect([...m]).toEqual([
      ['a', 'SELECT 1;'],
      ['b', 'SELECT\n  2;'],
    ]);
  });

  it('refuses duplicates and empty statements', () => {
    expect(() => parseNamedStatements('-- name: a\nSELECT 1;\n-- name: a\nSELECT 2;')).toThrow(/twice/);
    expect(() => parseNamedStatements('-- name: a\n-- nothing\n')).toThrow(/empty/);
  });

  it('loads the real files', () => {
    expect(loadNamedStatements('queries.sql').has('upsertDocument')).toBe(true);
    expect(loadMigrations()[0]).toMatchObject({ version: 1, name: '001_init.sql' });
  });
});
