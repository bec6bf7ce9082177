import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { isOverdue } from '../../domain/rules/corrective-action';
import { scoreInspection } from '../../domain/rules/inspection';
import { findAnswer, findingsWithoutAction, isFailed, isItemShown, lockInspection, sectionInstances } from '../../domain/rules/inspection-run';
import { nowMs } from '../../sync/clock';
import { useSession } from '../../sync/session';
import { ActionForm } from './ActionForm';
import { abilitiesOf, mutateDoc, useActions, useInspectionDoc, useSitePolicy, useSites, useStaff, useTemplates, useToday } from './data';
import { formatScore, scoreTone } from './format';
import { answerText } from './labels';
import { MediaImage } from './MediaParts';
import { GENERAL_NOTE, itemNoteField, itemNotes, readNote } from './notes';

/**
 * The inspection report: scores, every item with its answer, photos and note,
 * signatures and corrective actions. Printable (print stylesheet), so the
 * browser's "Save as PDF" works offline with the device's Chinese fonts.
 */
export function ReportPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const can = abilitiesOf(session);
  const db = useAppDatabase();
  const author = useAuthor();
  const today = useToday();
  const { inspection, loading } = useInspectionDoc(id);
  const { templates } = useTemplates();
  const sites = useSites();
  const site = sites.find((s) => s.id === inspection?.siteId);
  const policy = useSitePolicy(site);
  const staff = useStaff(inspection?.siteId);
  const actions = useActions().filter((a) => a.inspectionId === id);
  const template = templates.find((tp) => tp.id === inspection?.templateId);
  const [raising, setRaising] = useState<string | null>(null);
  const [locking, setLocking] = useState(false);
  const notes = useMemo(() => ({ general: readNote(inspection?.notes, GENERAL_NOTE), items: itemNotes(inspection?.notes) }), [inspection?.notes]);
  // The stored score is the one submitted; a draft shows its live score.
  const live = useMemo(() => (template && inspection ? scoreInspection(template.sections, inspection.answers, policy) : null), [template, inspection, policy]);

  if (loading && !inspection) return <p role="status">{t('common.loading')}</p>;
  if (!inspection) return <p role="alert">{t('inspections.run.notFound')}</p>;
  const score = inspection.status === 'draft' ? (live?.score ?? null) : (inspection.score ?? null);
  const gradeKey = inspection.status === 'draft' ? live?.grade?.grade : inspection.grade;
  const grade = policy.inspection.gradeBands.find((g) => g.grade === gradeKey)?.label ?? gradeKey;
  const sectionScore = (sectionId: string) =>
    inspection.status === 'draft' ? live?.sections.find((s) => s.sectionId === sectionId)?.score : inspection.sectionScores?.find((s) => s.sectionId === sectionId)?.score;
  const post = site?.posts.find((p) => p.id === inspection.postId);
  const person = staff.find((s) => s.id === inspection.staffId);
  const nameOf = (personId: string) => (personId === session?.user.id ? session.user.displayName : (staff.find((s) => s.id === personId)?.name ?? personId));
  const open = live ? findingsWithoutAction(live.failed, actions) : [];
  const items = template?.sections.flatMap((s) => s.items) ?? [];

  const lock = async () => {
    setLocking(false);
    await mutateDoc(db, 'inspections', inspection.id, (cur) => (cur.kind === 'inspection' ? lockInspection(cur, new Date(nowMs()).toISOString()) : cur), author);
  };

  return (
    <article className="insp-report" data-testid="inspection-report">
      <div className="toolbar no-print">
        <button type="button" onClick={() => window.print()}>
          {t('inspections.report.print')}
        </button>
        {inspection.status === 'draft' && can.inspect && <Link to={`/inspections/run/${inspection.id}`}>{t('inspections.report.continue')}</Link>}
        {inspection.status === 'submitted' && can.lock && (
          <button type="button" className="secondary" onClick={() => setLocking(true)}>
            {t('inspections.report.lock')}
          </button>
        )}
        <Link to="/inspections">{t('inspections.report.back')}</Link>
      </div>
      <header className="report-head">
        <h1>{t('inspections.report.title', { name: template?.name ?? inspection.templateKey })}</h1>
        <dl className="facts">
          <dt>{t('inspections.fields.site')}</dt>
          <dd data-testid="report-site">{site?.name ?? inspection.siteId}</dd>
          {post && (
            <>
              <dt>{t('inspections.fields.post')}</dt>
              <dd>{post.name}</dd>
            </>
          )}
          {person && (
            <>
              <dt>{t('inspections.fields.person')}</dt>
              <dd>
                {person.name} ({person.staffNo})
              </dd>
            </>
          )}
          <dt>{t('inspections.fields.day')}</dt>
          <dd>{inspection.day}</dd>
          <dt>{t('inspections.fields.mode')}</dt>
          <dd>{t(`inspections.mode.${inspection.mode}`)}</dd>
          <dt>{t('inspections.fields.template')}</dt>
          <dd>
            {template?.name ?? inspection.templateKey} v{inspection.templateVersion}
          </dd>
          <dt>{t('inspections.fields.status')}</dt>
          <dd>{t(`inspections.status.${inspection.status}`)}</dd>
          <dt>{t('inspections.fields.score')}</dt>
          <dd>
            <strong className={`big-score badge ${scoreTone(score)}`} data-testid="report-score" data-score={score ?? ''}>
              {t('inspections.report.scoreLine', { score: formatScore(score) })}
            </strong>{' '}
            {grade}
          </dd>
        </dl>
      </header>
      {!template && <p role="alert">{t('inspections.run.templateMissing', { version: inspection.templateVersion })}</p>}
      {template && (
        <section aria-labelledby="report-sections">
          <h2 id="report-sections">{t('inspections.report.sections')}</h2>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('inspections.run.section')}</th>
                <th scope="col">{t('inspections.run.weightHeader')}</th>
                <th scope="col">{t('inspections.fields.score')}</th>
              </tr>
            </thead>
            <tbody>
              {template.sections.map((s) => (
                <tr key={s.id}>
                  <td>{s.title}</td>
                  <td>{s.weight}</td>
                  <td>{formatScore(sectionScore(s.id))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {template.sections.map((section) => (
            <section key={section.id} className="report-section">
              <h3>{section.title}</h3>
              <table className="data report-items">
                <thead>
                  <tr>
                    <th scope="col">{t('inspections.report.item')}</th>
                    <th scope="col">{t('inspections.report.answer')}</th>
                    <th scope="col">{t('inspections.report.evidence')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sectionInstances(section, inspection).flatMap((instance) =>
                    section.items
                      .filter((item) => isItemShown(template.sections, section.id, item, instance, inspection.answers))
                      .map((item) => {
                        const answer = findAnswer(inspection.answers, item.id, instance);
                        const failed = isFailed(item, answer);
                        const note = notes.items.get(itemNoteField(item.id, instance));
                        const label = section.repeatable
                          ? `${inspection.instanceLabels.find((l) => l.sectionId === section.id && l.instance === instance)?.label ?? `${section.title} ${instance + 1}`} · ${item.label}`
                          : item.label;
                        return (
                          <tr key={`${item.id}#${instance}`} className={failed ? 'failed' : undefined} data-testid="report-item" data-failed={failed}>
                            <td>
                              {label}
                              {item.critical && <span className="badge bad"> {t('inspections.run.critical')}</span>}
                            </td>
                            <td>
                              {failed && <strong className="fail-mark">{t('inspections.report.failed')} </strong>}
                              {answerText(item, answer, t)}
                              {note && <p className="note">{t('inspections.report.note', { note })}</p>}
                            </td>
                            <td>
                              {answer?.photos.map((hash, i) => (
                                <MediaImage key={hash} hash={hash} alt={t('inspections.media.photoN', { n: i + 1, label: item.label })} className="report-photo" />
                              ))}
                            </td>
                          </tr>
                        );
                      }),
                  )}
                </tbody>
              </table>
            </section>
          ))}
        </section>
      )}
      <section aria-labelledby="report-notes">
        <h2 id="report-notes">{t('inspections.run.notes')}</h2>
        <p className="note" data-testid="report-notes">
          {notes.general || t('common.none')}
        </p>
      </section>
      <section aria-labelledby="report-signatures">
        <h2 id="report-signatures">{t('inspections.sign.title')}</h2>
        <div className="signatures">
          {(['inspector', 'site-lead'] as const).map((role) => {
            const s = inspection.signatures.find((x) => x.role === role);
            return (
              <figure key={role} className="signature-slot">
                {s ? <MediaImage hash={s.media} alt={t('inspections.sign.imageOf', { name: s.name })} className="signature-image" /> : <p>{t('inspections.sign.missing')}</p>}
                <figcaption>
                  {t(`inspections.sign.${role}`)}：{s?.name ?? '—'}
                </figcaption>
              </figure>
            );
          })}
        </div>
      </section>
      <section aria-labelledby="report-actions">
        <h2 id="report-actions">{t('inspections.report.actions')}</h2>
        {actions.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t('inspections.action.title')}</th>
                <th scope="col">{t('inspections.action.owner')}</th>
                <th scope="col">{t('inspections.action.dueDay')}</th>
                <th scope="col">{t('inspections.fields.status')}</th>
              </tr>
            </thead>
            <tbody>
              {actions.map((a) => (
                <tr key={a.id} data-testid="report-action">
                  <td>
                    <Link to={`/inspections/actions/${a.id}`}>{a.title}</Link>
                  </td>
                  <td>{nameOf(a.ownerId)}</td>
                  <td>
                    {a.dueDay} {isOverdue(a, today) && <span className="badge bad">{t('inspections.action.overdue')}</span>}
                  </td>
                  <td>{t(`inspections.actionStatus.${a.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {can.inspect && template && open.length > 0 && (
          <div className="no-print">
            <h3>{t('inspections.report.openFindings')}</h3>
            <ul className="plain-list">
              {open.map((f) => {
                const item = items.find((i) => i.id === f.itemId);
                const key = `${f.itemId}#${f.instance}`;
                if (!item) return null;
                return (
                  <li key={key}>
                    {item.label}{' '}
                    {raising === key ? (
                      <ActionForm inspection={inspection} item={item} instance={f.instance} policy={policy} onDone={() => setRaising(null)} />
                    ) : (
                      <button type="button" className="secondary" onClick={() => setRaising(key)}>
                        {t('inspections.run.raiseAction')}
                      </button>
                    )}
                  </li>
                );
              })}
            </ul>
          </div>
        )}
      </section>
      <ConfirmDialog open={locking} title={t('inspections.report.lockTitle')} confirmLabel={t('inspections.report.lock')} onConfirm={() => void lock()} onCancel={() => setLocking(false)}>
        <p>{t('inspections.report.lockText')}</p>
      </ConfirmDialog>
    </article>
  );
}
