import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SQL_DIR = fileURLToPath(new URL('./sql/', import.meta.url));

/**
 * Splits a file of "-- name: x" blocks into named statements, so SQL lives in
 * .sql files (readable, diffable) and is read once at start.
 */
export function parseNamedStatements(text: string): Map<string, string> {
  const statements = new Map<string, string>();
  let name: string | null = null;
  let body: string[] = [];
  const flush = () => {
    if (name === null) return;
    const sql = body.join('\n').trim();
    if (!sql) throw new Error(`SQL statement ${name} is empty`);
    if (statements.has(name)) throw new Error(`SQL statement ${name} is defined twice`);
    statements.set(name, sql);
  };
  for (const line of text.split('\n')) {
    const m = /^--\s*name:\s*(\w+)\s*$/.exec(line);
    if (m) {
      flush();
      name = m[1];
      body = [];
    } else if (name !== null && !/^\s*--/.test(line)) {
      body.push(line);
    }
  }
  flush();
  return statements;
}

export function loadNamedStatements(file: string): Map<string, string> {
  return parseNamedStatements(readFileSync(SQL_DIR + file, 'utf8'));
}

/** Migrations in file-name order; the number prefix is the schema version it brings the database to. */
export function loadMigrations(dir = 'migrations'): { version: number; name: string; sql: string }[] {
  return readdirSync(SQL_DIR + dir)
    .filter((f) => /^\d+_.*\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number.parseInt(f, 10), name: f, sql: readFileSync(`${SQL_DIR}${dir}/${f}`, 'utf8') }));
}
