import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { saveFile } from '../../app/export';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { exportTemplate, latestVersions, nextVersion, parseTemplateFile, templateVersionDocument, totalWeight, type TemplateContent } from '../../domain/rules/inspection-template-versions';
import { insertDoc } from '../../db/write';
import { useSession } from '../../sync/session';
import { abilitiesOf, useTemplates } from './data';

/** The inspection templates: newest version of each, with import and export as JSON. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const session = useSession();
  const can = abilitiesOf(session);
  const db = useAppDatabase();
  const author = useAuthor();
  const { templates, loading } = useTemplates();
  const latest = latestVersions(templates);
  const fileId = useId();
  const [incoming, setIncoming] = useState<TemplateContent | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseTemplateFile(await file.text());
    if (parsed.ok) setIncoming(parsed.content);
    else setMessage({ ok: false, text: t('inspections.templates.importFailed', { reason: parsed.reason }) });
  };

  const importNow = async () => {
    if (!incoming) return;
    const version = nextVersion(templates, incoming.templateKey);
    await insertDoc(db, 'catalog', templateVersionDocument(incoming, version), author);
    setMessage({ ok: true, text: t('inspections.templates.imported', { name: incoming.name, version }) });
    setIncoming(null);
  };

  return (
    <section className="insp-templates">
      <h1>{t('inspections.templates.title')}</h1>
      <p className="hint">{t('inspections.templates.versionsHint')}</p>
      {can.editTemplates && (
        <div className="toolbar">
          <Link className="button" to="/inspections/templates/edit/new">
            {t('inspections.templates.new')}
          </Link>
          <input id={fileId} className="visually-hidden" type="file" accept="application/json,.json" data-testid="template-import" onChange={(e) => void onFile(e.target.files?.[0])} />
          <label htmlFor={fileId} className="button secondary">
            {t('inspections.templates.import')}
          </label>
        </div>
      )}
      {message && (
        <p className={message.ok ? 'ok-text' : 'field-error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {loading && latest.length === 0 && <p role="status">{t('common.loading')}</p>}
      <table className="data">
        <thead>
          <tr>
            <th scope="col">{t('inspections.templates.name')}</th>
            <th scope="col">{t('inspections.templates.version')}</th>
            <th scope="col">{t('inspections.fields.status')}</th>
            <th scope="col">{t('inspections.templates.items')}</th>
            <th scope="col">{t('inspections.templates.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {latest.map((tp) => (
            <tr key={tp.templateKey} data-testid="template-row" data-key={tp.templateKey} data-version={tp.version}>
              <th scope="row">{tp.name}</th>
              <td>v{tp.version}</td>
              <td>{t(`inspections.templates.status.${tp.status}`)}</td>
              <td>
                {t('inspections.templates.summary', {
                  sections: tp.sections.length,
                  items: tp.sections.reduce((n, s) => n + s.items.length, 0),
                  points: totalWeight(tp.sections),
                })}
              </td>
              <td className="row-actions">
                {can.editTemplates && <Link to={`/inspections/templates/edit/${tp.templateKey}`}>{t('common.edit')}</Link>}
                <button type="button" className="link" onClick={() => saveFile(`${tp.templateKey}-v${tp.version}.json`, exportTemplate(tp), 'application/json')}>
                  {t('inspections.templates.export')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={incoming !== null}
        title={t('inspections.templates.importTitle')}
        confirmLabel={t('inspections.templates.import')}
        onConfirm={() => void importNow()}
        onCancel={() => setIncoming(null)}
      >
        {incoming && (
          <p>
            {t('inspections.templates.importText', {
              name: incoming.name,
              key: incoming.templateKey,
              version: nextVersion(templates, incoming.templateKey),
            })}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}
