import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import { newId } from '../../domain/ids';
import type { Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import { postRowsOf, validatePosts, type Errors, type PostRow } from './site-form';
import { errorText } from './shared';

interface Props {
  site: Site;
  /** Everyone on record at the site, leavers included (a post may still name one). */
  staff: readonly Staff[];
  canEdit: boolean;
  onSave(posts: Site['posts']): Promise<void>;
}

const KINDS = ['window', 'desk', 'seat'] as const;

/** Posts with their A holder and B backup, picked from the site's staff (AB岗位制). */
export function PostsEditor({ site, staff, canEdit, onSave }: Props) {
  const { t } = useTranslation();
  const initial = useMemo(() => postRowsOf(site.posts), [site.posts]);
  const [rows, setRows] = useState<PostRow[]>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [removing, setRemoving] = useState<PostRow | null>(null);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(rows) !== JSON.stringify(initial);
  const people = useMemo(() => [...staff].sort((a, b) => a.staffNo.localeCompare(b.staffNo)), [staff]);
  const warnings = useMemo(() => validatePosts(rows, staff, site.id).warnings, [rows, staff, site.id]);

  const update = (i: number, change: Partial<PostRow>) => setRows((r) => r.map((row, j) => (j === i ? { ...row, ...change } : row)));

  const save = async () => {
    const result = validatePosts(rows, staff, site.id);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      await onSave(result.posts);
    } finally {
      setSaving(false);
    }
  };

  const postLabel = (row: PostRow, i: number) => row.name.trim() || `#${i + 1}`;
  const cellError = (i: number, field: string) => {
    const e = errors[`posts.${i}.${field}`];
    return e ? (
      <span className="field-error" id={`post-${i}-${field}-error`} data-testid={`post-error-${field}`}>
        {errorText(t, e)}
      </span>
    ) : null;
  };
  const invalid = (i: number, field: string) => ({
    'aria-invalid': !!errors[`posts.${i}.${field}`],
    'aria-describedby': errors[`posts.${i}.${field}`] ? `post-${i}-${field}-error` : undefined,
  });

  const holderSelect = (row: PostRow, i: number, field: 'holderA' | 'holderB') => (
    <select
      value={row[field] ?? ''}
      disabled={!canEdit}
      aria-label={t('sites.posts.fieldOf', { post: postLabel(row, i), field: t(`sites.posts.${field}`) })}
      data-testid={`post-${field}`}
      onChange={(e) => update(i, { [field]: e.target.value || undefined })}
      {...invalid(i, field)}
    >
      <option value="">{t('sites.posts.none')}</option>
      {people
        .filter((p) => p.status !== 'left' || p.id === row[field])
        .map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.staffNo}){p.status === 'left' ? ` ${t('sites.posts.leftSuffix')}` : ''}
          </option>
        ))}
    </select>
  );

  return (
    <section aria-labelledby="posts-title" className="site-section">
      <div className="section-head">
        <h2 id="posts-title">{t('sites.posts.title')}</h2>
        {dirty && <span className="badge warn">{t('sites.unsaved')}</span>}
      </div>
      {Object.keys(errors).length > 0 && (
        <p role="alert" className="error">
          {t('sites.errorsSummary')}
        </p>
      )}
      <div className="table-scroll">
        <table className="data posts-table">
          <thead>
            <tr>
              <th scope="col">{t('sites.posts.name')}</th>
              <th scope="col">{t('sites.posts.kindLabel')}</th>
              <th scope="col">{t('sites.posts.holderA')}</th>
              <th scope="col">{t('sites.posts.holderB')}</th>
              <th scope="col">{t('sites.posts.certificates')}</th>
              {canEdit && <th scope="col">{t('sites.posts.remove')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={row.id} data-testid="post-row" data-post-id={row.id}>
                <td>
                  <input
                    value={row.name}
                    disabled={!canEdit}
                    aria-label={t('sites.posts.fieldOf', { post: `#${i + 1}`, field: t('sites.posts.name') })}
                    onChange={(e) => update(i, { name: e.target.value })}
                    {...invalid(i, 'name')}
                  />
                  {cellError(i, 'name')}
                </td>
                <td>
                  <select
                    value={row.kind}
                    disabled={!canEdit}
                    aria-label={t('sites.posts.fieldOf', { post: postLabel(row, i), field: t('sites.posts.kindLabel') })}
                    onChange={(e) => update(i, { kind: e.target.value as PostRow['kind'] })}
                  >
                    {KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`sites.posts.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {holderSelect(row, i, 'holderA')}
                  {cellError(i, 'holderA')}
                </td>
                <td>
                  {holderSelect(row, i, 'holderB')}
                  {cellError(i, 'holderB')}
                </td>
                <td>
                  <input
                    value={row.requiredCertificates}
                    disabled={!canEdit}
                    title={t('sites.posts.certificatesHint')}
                    aria-label={t('sites.posts.fieldOf', { post: postLabel(row, i), field: t('sites.posts.certificates') })}
                    onChange={(e) => update(i, { requiredCertificates: e.target.value })}
                  />
                </td>
                {canEdit && (
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('sites.posts.removeLabel', { name: postLabel(row, i) })}
                      onClick={() => setRemoving(row)}
                    >
                      {t('sites.posts.remove')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {warnings.length > 0 && (
        <details className="warnings">
          <summary>
            {t('sites.posts.warnings')} ({warnings.length})
          </summary>
          <ul>
            {warnings.map((w) => (
              <li key={`${w.postId}-${w.code}`}>
                {t(`sites.errors.warning.${w.code}`, { post: rows.find((r) => r.id === w.postId)?.name ?? w.postId })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {canEdit && (
        <div className="toolbar">
          <button
            type="button"
            className="secondary"
            onClick={() =>
              setRows((r) => [
                ...r,
                { id: newId(), name: t('sites.posts.newName'), kind: site.kind === 'hotline' ? 'seat' : 'window', requiredCertificates: '', requiredCourses: [] },
              ])
            }
          >
            {t('sites.posts.add')}
          </button>
          <button type="button" disabled={saving || !dirty} onClick={() => void save()} data-testid="save-posts">
            {t('sites.posts.save')}
          </button>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('sites.posts.removeTitle')}
        confirmLabel={t('sites.posts.remove')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const gone = removing;
          setRemoving(null);
          if (gone) setRows((r) => r.filter((row) => row.id !== gone.id));
        }}
      >
        <p>{t('sites.posts.removeBody', { name: removing?.name ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
