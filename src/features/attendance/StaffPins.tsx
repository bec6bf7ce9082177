import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import type { DocOf } from '../../domain/collections';
import { upsertDoc } from '../../db/write';
import { useSession } from '../../sync/session';
import { newBadgeCode } from '../kiosk/badge';
import { searchStaff } from '../kiosk/search';
import { PinDialog } from './PinDialog';
import { SitePicker } from './SitePicker';
import { useSiteChoice } from './useSiteChoice';

type Staff = DocOf<'staff'>;

/** Kiosk PINs and QR badges of a site's staff: managers set PINs and issue badge codes; anyone here prints badges. */
export function StaffPins() {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const role = useSession()?.user.role;
  const canEdit = role === 'manager' || role === 'admin';
  const { sites, siteId, setSiteId } = useSiteChoice();
  const [query, setQuery] = useState('');
  const [pinFor, setPinFor] = useState<Staff | null>(null);
  const [badgeFor, setBadgeFor] = useState<Staff | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { docs: staff } = useLiveDocs('staff', { selector: { siteId } });
  const { shown, more } = useMemo(() => searchStaff(staff, query, 200), [staff, query]);

  const issueBadge = async () => {
    const person = badgeFor;
    setBadgeFor(null);
    if (!person) return;
    await upsertDoc(db, 'staff', { ...person, badgeCode: newBadgeCode() }, author);
    setNotice(t('attendance.pins.badgeIssued', { name: person.name }));
  };

  return (
    <section aria-labelledby="pins-title">
      <h1 id="pins-title">{t('attendance.pins.title')}</h1>
      <div className="toolbar">
        <SitePicker sites={sites} siteId={siteId} onChange={setSiteId} />
        <label className="field inline">
          {t('common.search')}
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <Link className="button-link" to={`/attendance/badges?site=${encodeURIComponent(siteId)}${query ? `&q=${encodeURIComponent(query)}` : ''}`}>
          {t('attendance.pins.printBadges')}
        </Link>
      </div>
      {!canEdit && <p className="hint">{t('attendance.pins.readOnly')}</p>}
      <p role="status" className="notice">
        {notice}
      </p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('attendance.col.staffNo')}</th>
            <th scope="col">{t('attendance.col.name')}</th>
            <th scope="col">{t('attendance.pins.pin')}</th>
            <th scope="col">{t('attendance.pins.badge')}</th>
            {canEdit && <th scope="col">{t('attendance.col.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.id} data-testid="pin-row" data-staff-id={s.id}>
              <td>{s.staffNo}</td>
              <th scope="row">{s.name}</th>
              <td>{s.pin ? <span className="badge ok">{t('attendance.pins.set')}</span> : <span className="badge">{t('attendance.pins.unknown')}</span>}</td>
              <td>{s.badgeCode ? <span className="badge ok">{t('attendance.pins.hasBadge')}</span> : <span className="badge warn">{t('attendance.pins.noBadge')}</span>}</td>
              {canEdit && (
                <td className="row-actions">
                  <button type="button" className="secondary" onClick={() => setPinFor(s)} aria-label={t('attendance.pins.setFor', { name: s.name })}>
                    {t('attendance.pins.setPin')}
                  </button>
                  <button type="button" className="secondary" onClick={() => setBadgeFor(s)} aria-label={t('attendance.pins.newBadgeFor', { name: s.name })}>
                    {t('attendance.pins.newBadge')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 && <p className="hint">{t('attendance.kiosk.more', { count: more })}</p>}
      {pinFor && (
        <PinDialog
          person={pinFor}
          onClose={(saved) => {
            if (saved) setNotice(t('attendance.pins.saved', { name: pinFor.name }));
            setPinFor(null);
          }}
        />
      )}
      <ConfirmDialog
        open={badgeFor !== null}
        title={t('attendance.pins.newBadgeConfirm', { name: badgeFor?.name ?? '' })}
        confirmLabel={t('attendance.pins.newBadge')}
        danger
        onConfirm={() => void issueBadge()}
        onCancel={() => setBadgeFor(null)}
      >
        <p>{t('attendance.pins.newBadgeWarning')}</p>
      </ConfirmDialog>
    </section>
  );
}
