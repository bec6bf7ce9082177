import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDatabase } from '../../app/DataProvider';
import { useLiveDocs } from '../../app/hooks';
import { useAuthor } from '../../app/useAuthor';
import { useNow } from '../../app/useNow';
import { addDays } from '../../domain/calendar/days';
import { clockTimeOfInstant, dayOfInstant } from '../../domain/calendar/time-zone';
import type { KindOf } from '../../domain/collections';
import { newId } from '../../domain/ids';
import { insertDoc, InvalidDocumentError, upsertDoc } from '../../db/write';
import { nowMs } from '../../sync/clock';
import { useSession } from '../../sync/session';
import { canEditRoster, useSiteStaff } from './data';
import { useRosterLabels } from './labels';
import { SitePicker, useSiteParam } from './SitePicker';

type HandoverDoc = KindOf<'rosters', 'handover'>;

/** How far back the list of handovers looks. */
const LIST_DAYS = 14;

interface Draft {
  day: string;
  postId: string;
  shiftId: string;
  staffId: string;
  receiverId: string;
  witnessId: string;
  items: string[];
  note: string;
}

/**
 * Shift handover records (交接班): who hands over, who receives, who witnesses
 * (监交人), and what is still open. Team leaders and managers record and
 * confirm them (the server's write rules); others read them.
 */
export function Handovers() {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const { site, sites, setSite } = useSiteParam();
  const editor = canEditRoster(useSession()?.user.role);
  const today = dayOfInstant(useNow(), site?.timeZone);
  const labels = useRosterLabels();
  const staff = useSiteStaff(site?.id ?? '');
  const { docs } = useLiveDocs('rosters', { selector: { siteId: site?.id ?? '', kind: 'handover', day: { $gte: addDays(today, -LIST_DAYS) } } });
  const handovers = useMemo(() => (docs as HandoverDoc[]).sort((a, b) => b.at.localeCompare(a.at)), [docs]);
  const empty: Draft = { day: today, postId: '', shiftId: '', staffId: '', receiverId: '', witnessId: '', items: [], note: '' };
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState('');
  const name = (id?: string) => (id ? (staff.find((s) => s.id === id)?.name ?? id) : '—');
  const time = (iso?: string) => (iso ? `${labels.shortDay(dayOfInstant(iso, site?.timeZone))} ${clockTimeOfInstant(iso, site?.timeZone)}` : '');

  const save = async (d: Draft) => {
    const next: Record<string, string> = {};
    if (!d.staffId) next.staffId = t('common.required');
    if (!d.receiverId) next.receiverId = t('common.required');
    if (d.staffId && d.staffId === d.receiverId) next.receiverId = t('roster.handover.samePerson');
    if (d.witnessId && (d.witnessId === d.staffId || d.witnessId === d.receiverId)) next.witnessId = t('roster.handover.witnessOther');
    setErrors(next);
    if (Object.keys(next).length || !site) return;
    try {
      await insertDoc(
        db,
        'rosters',
        {
          id: newId(),
          siteId: site.id,
          kind: 'handover',
          day: d.day,
          ...(d.postId ? { postId: d.postId } : {}),
          ...(d.shiftId ? { shiftId: d.shiftId } : {}),
          staffId: d.staffId,
          receiverId: d.receiverId,
          ...(d.witnessId ? { witnessId: d.witnessId } : {}),
          at: new Date(nowMs()).toISOString(),
          openItems: d.items.map((text) => text.trim()).filter(Boolean).map((text) => ({ text, resolved: false })),
          ...(d.note.trim() ? { note: d.note.trim() } : {}),
        },
        author,
      );
      setDraft(null);
      setMessage(t('roster.handover.saved'));
    } catch (e) {
      setErrors({ form: e instanceof InvalidDocumentError ? e.reason : (e as Error).message });
    }
  };

  const update = async (h: HandoverDoc, change: Partial<HandoverDoc>) => {
    const { updatedAt: _u, updatedBy: _b, deviceId: _d, ...fields } = h;
    try {
      await upsertDoc(db, 'rosters', { ...fields, ...change }, author);
    } catch (e) {
      setMessage(t('roster.saveFailed', { message: (e as Error).message }));
    }
  };

  const personSelect = (key: 'staffId' | 'receiverId' | 'witnessId', label: string, d: Draft, optional = false) => (
    <label className="field">
      <span>{label}</span>
      <select
        value={d[key]}
        onChange={(e) => setDraft({ ...d, [key]: e.target.value })}
        aria-invalid={Boolean(errors[key])}
        aria-describedby={errors[key] ? `handover-${key}-error` : undefined}
      >
        <option value="">{optional ? t('common.none') : t('roster.me.placeholder')}</option>
        {staff.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name} {s.staffNo}
          </option>
        ))}
      </select>
      {errors[key] && (
        <span id={`handover-${key}-error`} className="field-error">
          {errors[key]}
        </span>
      )}
    </label>
  );

  return (
    <section aria-labelledby="handover-title">
      <h2 id="handover-title">{t('roster.handover.title')}</h2>
      <div className="toolbar">
        <SitePicker site={site} sites={sites} onChange={setSite} />
        {editor && !draft && (
          <button type="button" onClick={() => setDraft(empty)}>
            {t('roster.handover.new')}
          </button>
        )}
      </div>
      <p role="status" className="roster-message">
        {message}
      </p>
      {draft && site && (
        <form
          className="roster-form roster-handover-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save(draft);
          }}
        >
          <div className="roster-form-grid">
            <label className="field">
              <span>{t('roster.handover.day')}</span>
              <input type="date" value={draft.day} onChange={(e) => setDraft({ ...draft, day: e.target.value || today })} />
            </label>
            <label className="field">
              <span>{t('roster.csv.post')}</span>
              <select value={draft.postId} onChange={(e) => setDraft({ ...draft, postId: e.target.value })}>
                <option value="">{t('common.none')}</option>
                {site.posts.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('roster.csv.shift')}</span>
              <select value={draft.shiftId} onChange={(e) => setDraft({ ...draft, shiftId: e.target.value })}>
                <option value="">{t('common.none')}</option>
                {site.shiftTemplates.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            {personSelect('staffId', t('roster.handover.giver'), draft)}
            {personSelect('receiverId', t('roster.handover.receiver'), draft)}
            {personSelect('witnessId', t('roster.handover.witness'), draft, true)}
          </div>
          <fieldset>
            <legend>{t('roster.handover.openItems')}</legend>
            {draft.items.map((item, n) => (
              <div key={n} className="roster-item-row">
                <label className="field">
                  <span>{t('roster.handover.item', { n: n + 1 })}</span>
                  <input type="text" value={item} maxLength={500} onChange={(e) => setDraft({ ...draft, items: draft.items.map((x, i) => (i === n ? e.target.value : x)) })} />
                </label>
                <button type="button" className="secondary" onClick={() => setDraft({ ...draft, items: draft.items.filter((_, i) => i !== n) })}>
                  {t('roster.handover.removeItem', { n: n + 1 })}
                </button>
              </div>
            ))}
            <button type="button" className="secondary" onClick={() => setDraft({ ...draft, items: [...draft.items, ''] })}>
              {t('roster.handover.addItem')}
            </button>
          </fieldset>
          <label className="field">
            <span>{t('roster.handover.note')}</span>
            <textarea value={draft.note} rows={3} maxLength={2000} onChange={(e) => setDraft({ ...draft, note: e.target.value })} />
          </label>
          {errors.form && (
            <p className="field-error" role="alert">
              {errors.form}
            </p>
          )}
          <div className="toolbar">
            <button type="submit">{t('roster.handover.save')}</button>
            <button type="button" className="secondary" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {handovers.length === 0 ? (
        <p>{t('roster.handover.none')}</p>
      ) : (
        <ul className="roster-requests" data-testid="handover-list">
          {handovers.map((h) => (
            <li key={h.id} className="roster-request-card" data-testid="handover">
              <div>
                <strong>{labels.day(h.day)}</strong> {h.postId ? (site?.posts.find((p) => p.id === h.postId)?.name ?? h.postId) : ''}{' '}
                {h.shiftId ? (site?.shiftTemplates.find((s) => s.id === h.shiftId)?.name ?? h.shiftId) : ''} · {time(h.at)}
              </div>
              <div>
                {t('roster.handover.giver')}: {name(h.staffId)} · {t('roster.handover.receiver')}: {name(h.receiverId)}{' '}
                {h.receiverConfirmedAt ? (
                  <span className="badge ok">{t('roster.handover.confirmed', { time: time(h.receiverConfirmedAt) })}</span>
                ) : !editor ? (
                  <span className="badge warn">{t('roster.handover.notConfirmed')}</span>
                ) : (
                  <button type="button" className="secondary" onClick={() => void update(h, { receiverConfirmedAt: new Date(nowMs()).toISOString() })}>
                    {t('roster.handover.receiverConfirm')}
                  </button>
                )}
              </div>
              <div>
                {t('roster.handover.witness')}: {name(h.witnessId)}{' '}
                {h.witnessId &&
                  (h.witnessConfirmedAt ? (
                    <span className="badge ok">{t('roster.handover.confirmed', { time: time(h.witnessConfirmedAt) })}</span>
                  ) : !editor ? (
                    <span className="badge warn">{t('roster.handover.notConfirmed')}</span>
                  ) : (
                    <button type="button" className="secondary" onClick={() => void update(h, { witnessConfirmedAt: new Date(nowMs()).toISOString() })}>
                      {t('roster.handover.witnessConfirm')}
                    </button>
                  ))}
              </div>
              {h.openItems.length > 0 && (
                <ul className="roster-open-items">
                  {h.openItems.map((item, n) => (
                    <li key={n}>
                      <label>
                        <input
                          type="checkbox"
                          disabled={!editor}
                          checked={item.resolved}
                          onChange={(e) => void update(h, { openItems: h.openItems.map((x, i) => (i === n ? { ...x, resolved: e.target.checked } : x)) })}
                        />{' '}
                        <span className={item.resolved ? 'roster-resolved' : undefined}>{item.text}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              )}
              {h.note && <div>{h.note}</div>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
