import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planPublish, type SlotFields } from '../../domain/rules/roster-plan';
import type { RosterIssue } from '../../domain/rules/roster';
import { Modal } from './Modal';

/**
 * Publishing the period's drafts. Blocking issues (certificates, courses)
 * forbid it; any other rule warning is listed and must be acknowledged with
 * the checkbox before the publish button works. The acknowledgement is
 * recorded on the slots (`acknowledgedWarnings`) by planPublish.
 */
export function PublishDialog({
  slots,
  issues,
  describe,
  onCancel,
  onPublish,
}: {
  slots: SlotFields[];
  issues: RosterIssue[];
  describe(issue: RosterIssue): string;
  onCancel(): void;
  onPublish(slots: SlotFields[]): void;
}) {
  const { t } = useTranslation();
  const plan = useMemo(() => planPublish(slots, issues), [slots, issues]);
  const [acknowledged, setAcknowledged] = useState(false);
  const count = plan.drafts.length;
  const needsAck = plan.toAcknowledge.length > 0;
  const canPublish = count > 0 && plan.blocking.length === 0 && (!needsAck || acknowledged);

  return (
    <Modal open title={plan.blocking.length ? t('roster.publishDialog.blockedTitle') : t('roster.publishDialog.title')} onClose={onCancel} className="roster-publish">
      {count === 0 && <p role="status">{t('roster.publishDialog.nothing')}</p>}
      {plan.blocking.length > 0 && (
        <>
          <p role="alert">{t('roster.publishDialog.blockedIntro', { count: plan.blocking.length })}</p>
          <ul className="roster-publish-list" data-testid="publish-blocking">
            {plan.blocking.map((i, n) => (
              <li key={n}>
                <span className="badge bad">{t('roster.blocked')}</span> {describe(i)}
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.blocking.length === 0 && count > 0 && needsAck && (
        <>
          <p role="alert">{t('roster.publishDialog.warningsIntro', { count: plan.toAcknowledge.length })}</p>
          <ul className="roster-publish-list" data-testid="publish-warnings">
            {plan.toAcknowledge.map((i, n) => (
              <li key={n}>
                <span className="badge warn">{t('roster.warning')}</span> {describe(i)}
              </li>
            ))}
          </ul>
          <label className="roster-ack">
            <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} data-testid="publish-acknowledge" />
            <span>{t('roster.publishDialog.acknowledge', { count: plan.toAcknowledge.length })}</span>
          </label>
        </>
      )}
      {plan.blocking.length === 0 && count > 0 && !needsAck && <p>{t('roster.publishDialog.clean', { count })}</p>}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        {plan.blocking.length === 0 && count > 0 && (
          <button type="button" disabled={!canPublish} onClick={() => onPublish(plan.published)} data-testid="publish-confirm">
            {t('roster.publishDialog.confirm', { count })}
          </button>
        )}
      </div>
    </Modal>
  );
}
