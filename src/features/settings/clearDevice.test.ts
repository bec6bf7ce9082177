import { describe, expect, it } from 'vitest';
import { userStorageKeys } from './clearDevice';

describe('userStorageKeys', () => {
  it("takes the user's own keys and leaves device-wide ones and other users'", () => {
    const keys = [
      'hallops.lastExport.user-guide',
      'hallops.lastExport.user-guide-2',
      'hallops.something.user-guide',
      'hallops.deviceId',
      'hallops.lang',
      'hallops.hlc',
      'other.user-guide',
    ];
    expect(userStorageKeys(keys, 'user-guide')).toEqual(['hallops.lastExport.user-guide', 'hallops.something.user-guide']);
  });
});
