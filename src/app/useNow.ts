import { useEffect, useState } from 'react';
import { nowMs } from '../sync/clock';

/** The current time, refreshed every `intervalMs`, so views that depend on "today" roll over by themselves. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(nowMs);
  useEffect(() => {
    const timer = setInterval(() => setNow(nowMs()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
