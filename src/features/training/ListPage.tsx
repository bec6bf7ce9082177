import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A catalogue list page: a title, an optional link button (create, import), and the table once the data has loaded. */
export function ListPage({
  id,
  title,
  action,
  loading,
  columns,
  children,
}: {
  id: string;
  title: string;
  /** Left out where the user may not use it. */
  action?: { to: string; label: string };
  loading: boolean;
  /** The column headings. */
  columns: string[];
  /** The table's rows. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{title}</h1>
      {action && (
        <div className="toolbar">
          <Link className="button-link" to={action.to}>
            {action.label}
          </Link>
        </div>
      )}
      {loading ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              {columns.map((heading, i) => (
                <th key={i} scope="col">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      )}
    </section>
  );
}
