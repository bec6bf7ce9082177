import { useParams } from 'react-router';
import { useSession } from '../../sync/session';
import { useSiteContext } from '../attendance/useSiteContext';
import { DeviceKiosk } from './DeviceKiosk';
import { isKioskDevice } from './device';
import { ManualKiosk } from './ManualKiosk';
import './kiosk.css';

/**
 * The check-in screen of a site (/kiosk/:siteId). On an enrolled kiosk tablet
 * it runs kiosk mode (PIN or QR badge, idle lock, no way out without an
 * administrator); for a signed-in person it records punches manually.
 */
export function KioskPage() {
  const { siteId = '' } = useParams();
  const session = useSession();
  const ctx = useSiteContext(siteId);
  return isKioskDevice(session?.user) ? <DeviceKiosk siteId={siteId} ctx={ctx} /> : <ManualKiosk siteId={siteId} ctx={ctx} />;
}
