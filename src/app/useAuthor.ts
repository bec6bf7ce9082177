import { useMemo } from 'react';
import type { Author } from '../db/write';
import { deviceId, useSession } from '../sync/session';

/** Who is writing, from which device: every document records both. */
export function useAuthor(): Author {
  const session = useSession();
  const userId = session?.user.id ?? 'anonymous';
  return useMemo(() => ({ userId, deviceId: deviceId() }), [userId]);
}
