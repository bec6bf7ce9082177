import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { ApiError } from '../../sync/api';
import { badgeQrSvgDataUrl } from '../kiosk/badge';
import { useSiteChoice } from '../attendance/useSiteChoice';
import { enrolDevice, enrolRequestSchema, listDevices, revokeDevice, type Device } from './api';
import './devices.css';

/** Enrolled kiosk tablets: list, enrol (credential shown once), revoke. Talks to the server: it needs the network. */
export default function DevicesFeature() {
  const { t, i18n } = useTranslation();
  const { sites } = useSiteChoice();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [siteId, setSiteId] = useState('');
  const [name, setName] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ siteId?: string; name?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<{ device: Device; credential: string; qr: string } | null>(null);
  const [revoking, setRevoking] = useState<Device | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const problem = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && err.isNetwork) return t('devices.offline');
      if (err instanceof ApiError && err.status === 403) return t('devices.forbidden');
      if (err instanceof ApiError && err.status === 404) return t('devices.unsupported');
      return t('devices.failed', { message: (err as Error).message });
    },
    [t],
  );

  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  useEffect(() => {
    let cancelled = false;
    listDevices().then(
      (list) => {
        if (cancelled) return;
        setDevices(list);
        setLoadError(null);
      },
      (err: unknown) => {
        if (!cancelled) setLoadError(problem(err));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [version, problem]);

  const chosenSite = siteId || sites[0]?.id || '';
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? id;
  const when = (iso?: string | null) => (iso ? new Date(iso).toLocaleString(i18n.language) : '—');

  const enrol = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = enrolRequestSchema.safeParse({ siteId: chosenSite, name });
    if (!parsed.success) {
      const errs: { siteId?: string; name?: string } = {};
      for (const issue of parsed.error.issues) errs[issue.path[0] as 'siteId' | 'name'] = t(`devices.error.${String(issue.path[0])}`);
      setFieldErrors(errs);
      return;
    }
    setFieldErrors({});
    setFormError(null);
    setBusy(true);
    try {
      const answer = await enrolDevice(parsed.data);
      setIssued({ ...answer, qr: await badgeQrSvgDataUrl(answer.credential) });
      setName('');
      reload();
    } catch (err) {
      setFormError(problem(err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async () => {
    const device = revoking;
    setRevoking(null);
    if (!device) return;
    try {
      await revokeDevice(device.id);
      setNotice(t('devices.revoked', { name: device.name }));
      reload();
    } catch (err) {
      setNotice(problem(err));
    }
  };

  return (
    <section aria-labelledby="devices-title" className="devices">
      <h1 id="devices-title">{t('devices.title')}</h1>
      <p className="hint">{t('devices.intro')}</p>

      <form className="card devices-enrol" onSubmit={(e) => void enrol(e)} noValidate aria-labelledby="enrol-title">
        <h2 id="enrol-title">{t('devices.enrolTitle')}</h2>
        <label className="field">
          {t('devices.site')}
          <select value={chosenSite} onChange={(e) => setSiteId(e.target.value)} aria-invalid={fieldErrors.siteId ? true : undefined}>
            {sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {fieldErrors.siteId && <span className="field-error">{fieldErrors.siteId}</span>}
        </label>
        <label className="field">
          {t('devices.name')}
          <input name="device-name" value={name} maxLength={100} placeholder={t('devices.namePlaceholder')} onChange={(e) => setName(e.target.value)} aria-invalid={fieldErrors.name ? true : undefined} />
          {fieldErrors.name && <span className="field-error">{fieldErrors.name}</span>}
        </label>
        {formError && (
          <p className="error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t('devices.enrol')}
        </button>
      </form>

      {issued && (
        <section className="credential card" aria-labelledby="credential-title" data-testid="device-credential">
          <h2 id="credential-title">{t('devices.credentialTitle', { name: issued.device.name })}</h2>
          <p role="alert" className="warn-text">
            {t('devices.credentialOnce')}
          </p>
          <div className="credential-body">
            <img src={issued.qr} alt={t('devices.credentialQr')} className="credential-qr" />
            <div>
              <p>{t('devices.credentialText')}</p>
              <code className="credential-text" data-testid="credential-text">
                {issued.credential}
              </code>
              <p>
                <button type="button" className="secondary" onClick={() => void navigator.clipboard?.writeText(issued.credential)}>
                  {t('devices.copy')}
                </button>
              </p>
            </div>
          </div>
          <button type="button" onClick={() => setIssued(null)}>
            {t('devices.credentialDone')}
          </button>
        </section>
      )}

      <h2>{t('devices.listTitle')}</h2>
      <p role="status" className="notice">
        {notice}
      </p>
      {loadError && (
        <p className="error" role="alert">
          {loadError}{' '}
          <button type="button" className="link" onClick={reload}>
            {t('devices.retry')}
          </button>
        </p>
      )}
      {devices && devices.length === 0 && <p>{t('devices.none')}</p>}
      {devices && devices.length > 0 && (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('devices.name')}</th>
              <th scope="col">{t('devices.site')}</th>
              <th scope="col">{t('devices.created')}</th>
              <th scope="col">{t('devices.lastSeen')}</th>
              <th scope="col">{t('devices.status')}</th>
              <th scope="col">{t('devices.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} data-testid="device-row" data-device-id={d.id}>
                <th scope="row">{d.name}</th>
                <td>{siteName(d.siteId)}</td>
                <td>{when(d.createdAt)}</td>
                <td>{when(d.lastSeenAt)}</td>
                <td>
                  {d.revokedAt ? <span className="badge bad">{t('devices.isRevoked')}</span> : <span className="badge ok">{t('devices.active')}</span>}{' '}
                  {d.clockDriftFlagged && typeof d.clockOffsetMs === 'number' && (
                    <span className="badge warn">{t('devices.drift', { minutes: Math.round(d.clockOffsetMs / 60_000) })}</span>
                  )}
                </td>
                <td>
                  {!d.revokedAt && (
                    <button type="button" className="danger" onClick={() => setRevoking(d)} aria-label={t('devices.revokeNamed', { name: d.name })}>
                      {t('devices.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t('devices.revokeConfirm', { name: revoking?.name ?? '' })}
        confirmLabel={t('devices.revoke')}
        danger
        onConfirm={() => void revoke()}
        onCancel={() => setRevoking(null)}
      >
        <p>{t('devices.revokeWarning')}</p>
      </ConfirmDialog>
    </section>
  );
}
