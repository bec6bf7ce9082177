import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { usePendingExport } from './pendingExport';

export interface UnsyncedGuardProps {
  /** What is guarded: signing out, or clearing this device's data. */
  action: 'sign-out' | 'clear';
  /** The name shown in the clear-data confirmation. */
  userName?: string;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Nothing entered on this device may be lost: while changes are unsynced the
 * action is refused until they are exported to a file, and then it needs a
 * confirmation that names the file. Render it only while the action is asked for.
 */
export function UnsyncedGuard({ action, userName, onConfirm, onCancel }: UnsyncedGuardProps) {
  const { t } = useTranslation();
  const { pending, covered, last, exportNow } = usePendingExport();
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onExport = async () => {
    setExporting(true);
    setError(null);
    try {
      await exportNow();
    } catch (err) {
      setError(t('settings.guard.exportFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setExporting(false);
    }
  };

  if (pending > 0 && !covered) {
    return (
      <div className="banner warning guard-banner" role="alert" data-testid="unsynced-guard">
        <p>{t(action === 'sign-out' ? 'settings.guard.blocked' : 'settings.guard.clearBlocked', { count: pending })}</p>
        {error && <p className="field-error">{error}</p>}
        <div className="guard-actions">
          <button type="button" onClick={() => void onExport()} disabled={exporting}>
            {exporting ? t('settings.guard.exporting') : t('settings.guard.export')}
          </button>
          <Link to="/sync" onClick={onCancel}>
            {t('settings.guard.openSync')}
          </Link>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.close')}
          </button>
        </div>
      </div>
    );
  }

  const exported = pending > 0 && last ? { count: pending, file: last.fileName } : null;
  return (
    <ConfirmDialog
      open
      danger={action === 'clear'}
      title={t(action === 'sign-out' ? 'settings.guard.signOutTitle' : 'settings.clear.title')}
      confirmLabel={t(action === 'sign-out' ? 'settings.guard.signOut' : 'settings.clear.confirm')}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      {action === 'clear' && <p>{t('settings.clear.body', { user: userName ?? '' })}</p>}
      {exported && (
        <p data-testid="guard-exported-file">
          {t(action === 'sign-out' ? 'settings.guard.signOutBody' : 'settings.clear.bodyExported', exported)}
        </p>
      )}
    </ConfirmDialog>
  );
}
