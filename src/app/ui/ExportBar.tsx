import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The toolbar of a printable report: CSV, xlsx (disabled while one is being made) and print, then any extra actions. */
export function ExportBar({ onCsv, onXlsx, exporting, children }: { onCsv: () => void; onXlsx: () => void; exporting: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="toolbar no-print">
      <button type="button" className="secondary" onClick={onCsv}>
        {t('common.exportCsv')}
      </button>
      <button type="button" className="secondary" onClick={onXlsx} disabled={exporting}>
        {t('common.exportXlsx')}
      </button>
      <button type="button" className="secondary" onClick={() => window.print()}>
        {t('common.print')}
      </button>
      {children}
    </div>
  );
}
