import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { newId } from '../../domain/ids';
import type { Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import { postRowsOf, validatePosts, type PostRow } from './site-form';
import { EditorSection, FieldErrorText, invalidProps, RemoveRowCell, RemoveRowDialog, SaveBar, useRowsForm } from './section-editor';

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
  const list = useRowsForm(
    initial,
    (rows) => validatePosts(rows, staff, site.id),
    (valid) => onSave(valid.posts),
  );
  const { value: rows, errors, update } = list;
  const people = useMemo(() => [...staff].sort((a, b) => a.staffNo.localeCompare(b.staffNo)), [staff]);
  const warnings = useMemo(() => validatePosts(rows, staff, site.id).warnings, [rows, staff, site.id]);

  const postLabel = (row: PostRow, i: number) => row.name.trim() || `#${i + 1}`;
  const errorId = (i: number, field: string) => `post-${i}-${field}-error`;
  const cellError = (i: number, field: string) => (
    <FieldErrorText error={errors[`posts.${i}.${field}`]} id={errorId(i, field)} testId={`post-error-${field}`} />
  );
  const invalid = (i: number, field: string) => invalidProps(errors[`posts.${i}.${field}`], errorId(i, field));

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
    <EditorSection id="posts" title={t('sites.posts.title')} form={list}>
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
                  <RemoveRowCell
                    list={list}
                    row={row}
                    label={t('sites.posts.remove')}
                    ariaLabel={t('sites.posts.removeLabel', { name: postLabel(row, i) })}
                  />
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
        <SaveBar
          form={list}
          saveLabel={t('sites.posts.save')}
          saveTestId="save-posts"
          addLabel={t('sites.posts.add')}
          onAdd={() =>
            list.add({
              id: newId(),
              name: t('sites.posts.newName'),
              kind: site.kind === 'hotline' ? 'seat' : 'window',
              requiredCertificates: '',
              requiredCourses: [],
            })
          }
        />
      )}
      <RemoveRowDialog
        list={list}
        title={t('sites.posts.removeTitle')}
        confirmLabel={t('sites.posts.remove')}
        body={(name) => t('sites.posts.removeBody', { name })}
      />
    </EditorSection>
  );
}
