/**
 * Writes src/db/rxdb-schemas.json: every collection's RxDB schema, derived
 * from its zod schema (src/domain/rxdb-schema.ts). The app opens its database
 * with these instead of deriving them on every start, which cost a hall
 * tablet about 60 ms of its cold start (bench/cold-start.ts).
 * src/db/rxdb-schemas.test.ts fails while the file is stale.
 *
 * Run: npm run schemas
 */
import { writeFileSync } from 'node:fs';
import { collectionNames, collections } from '../src/domain/collections';
import { toRxJsonSchema } from '../src/domain/rxdb-schema';

const out = Object.fromEntries(collectionNames.map((name) => [name, toRxJsonSchema(collections[name])]));
writeFileSync(new URL('../src/db/rxdb-schemas.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
console.log(`src/db/rxdb-schemas.json: ${collectionNames.length} collections`);
