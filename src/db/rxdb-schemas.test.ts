import { describe, expect, it } from 'vitest';
import { collectionNames, collections } from '../domain/collections';
import { toRxJsonSchema } from '../domain/rxdb-schema';
import derived from './rxdb-schemas.json';

describe('the RxDB schemas the app opens its database with (src/db/rxdb-schemas.json)', () => {
  it.each(collectionNames)('%s: equal what its zod schema derives today (else run `npm run schemas`)', (name) => {
    expect((derived as Record<string, unknown>)[name]).toEqual(toRxJsonSchema(collections[name]));
  });

  it('hold no collection the registry does not have', () => {
    expect(Object.keys(derived).sort()).toEqual([...collectionNames].sort());
  });
});
