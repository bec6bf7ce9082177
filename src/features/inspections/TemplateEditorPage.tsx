import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAppDatabase } from '../../app/DataProvider';
import { useAuthor } from '../../app/useAuthor';
import { ConfirmDialog } from '../../app/ui/ConfirmDialog';
import {
  checkContent,
  contentOf,
  itemIds,
  latestVersions,
  newItem,
  nextVersion,
  templateVersionDocument,
  totalWeight,
  uniqueKey,
  type ContentIssue,
  type TemplateContent,
} from '../../domain/rules/inspection-template-versions';
import { templateItemTypes, type TemplateItem, type TemplateSection } from '../../domain/schemas/inspection-template';
import { insertDoc } from '../../db/write';
import { useSession } from '../../sync/session';
import { abilitiesOf, useTemplates } from './data';
import { choiceOptions } from './labels';

const blank = (): TemplateContent => ({
  templateKey: '',
  name: '',
  appliesTo: ['hall', 'hotline'],
  status: 'published',
  sections: [{ id: 'section-1', title: '', weight: 100, repeatable: false, items: [newItem('pass-fail', 'item-1', '')] }],
});

/** Keeps an item consistent with its kind: a levels item weighs its top level; unscored kinds weigh 0 and veto nothing. */
function normalise(item: TemplateItem): TemplateItem {
  if (item.type === 'levels') {
    const levels = item.levels && item.levels.length >= 2 ? item.levels : newItem('levels', item.id, item.label).levels!;
    return { ...item, levels, weight: Math.max(...levels.map((l) => l.points)) };
  }
  const { levels: _levels, ...rest } = item;
  if (item.type === 'number' || item.type === 'text' || item.type === 'photo') {
    return { ...rest, weight: 0, critical: false, ...(item.type === 'photo' ? { photo: 'always' as const } : {}) };
  }
  return rest;
}

/**
 * The template builder: sections (dimensions) with weights, items of every
 * kind with points, critical (veto) items, guidance, conditions and repeated
 * sections. Saving writes the next version; inspections already started keep theirs.
 */
export function TemplateEditorPage() {
  const { key = 'new' } = useParams();
  const { t } = useTranslation();
  const can = abilitiesOf(useSession());
  const { templates, loading } = useTemplates();
  const current = latestVersions(templates).find((tp) => tp.templateKey === key);
  if (!can.editTemplates) return <p>{t('inspections.notAllowed')}</p>;
  if (key !== 'new' && !current) return <p role="status">{loading ? t('common.loading') : t('inspections.templates.notFound')}</p>;
  return <Editor key={current ? `${current.templateKey}@${current.version}` : 'new'} initial={current ? contentOf(current) : blank()} isNew={!current} baseVersion={current?.version} />;
}

function Editor({ initial, isNew, baseVersion }: { initial: TemplateContent; isNew: boolean; baseVersion?: number }) {
  const { t } = useTranslation();
  const db = useAppDatabase();
  const author = useAuthor();
  const navigate = useNavigate();
  const { templates } = useTemplates();
  const [content, setContent] = useState<TemplateContent>(initial);
  const [issues, setIssues] = useState<ContentIssue[]>([]);
  const [confirm, setConfirm] = useState(false);
  const [removing, setRemoving] = useState<{ section: number; item?: number } | null>(null);
  const ids = useMemo(() => itemIds(content.sections), [content.sections]);

  const setSection = (s: number, patch: Partial<TemplateSection>) =>
    setContent((c) => ({ ...c, sections: c.sections.map((x, i) => (i === s ? { ...x, ...patch } : x)) }));
  const setItem = (s: number, i: number, patch: Partial<TemplateItem>) =>
    setContent((c) => ({
      ...c,
      sections: c.sections.map((x, si) => (si === s ? { ...x, items: x.items.map((it, ii) => (ii === i ? normalise({ ...it, ...patch }) : it)) } : x)),
    }));
  const move = <T,>(list: T[], from: number, to: number): T[] => {
    if (to < 0 || to >= list.length) return list;
    const copy = [...list];
    const [x] = copy.splice(from, 1);
    copy.splice(to, 0, x!);
    return copy;
  };

  const issueAt = (...path: (string | number)[]) => issues.find((i) => i.path.join('.') === path.join('.'))?.message;

  const check = () => {
    const result = checkContent(content);
    const keyTaken = isNew && templates.some((tp) => tp.templateKey === content.templateKey);
    const found = result.ok ? [] : result.issues;
    if (keyTaken) found.push({ path: ['templateKey'], message: t('inspections.editor.keyTaken') });
    setIssues(found);
    if (found.length === 0) setConfirm(true);
  };

  const save = async () => {
    setConfirm(false);
    const version = nextVersion(templates, content.templateKey);
    await insertDoc(db, 'catalog', templateVersionDocument(content, version), author);
    navigate('/inspections/templates');
  };

  const removeNow = () => {
    if (!removing) return;
    const { section, item } = removing;
    setRemoving(null);
    setContent((c) => ({
      ...c,
      sections:
        item === undefined ? c.sections.filter((_, i) => i !== section) : c.sections.map((x, si) => (si === section ? { ...x, items: x.items.filter((_, ii) => ii !== item) } : x)),
    }));
  };

  return (
    <section className="insp-editor">
      <h1>{isNew ? t('inspections.editor.newTitle') : t('inspections.editor.title', { name: initial.name, version: baseVersion })}</h1>
      {!isNew && <p className="hint">{t('inspections.editor.versionHint', { next: nextVersion(templates, content.templateKey) })}</p>}
      {issues.length > 0 && (
        <div className="problems" role="alert">
          <p>{t('inspections.editor.issues', { n: issues.length })}</p>
          <ul>
            {issues.map((i, n) => (
              <li key={n}>
                {i.path.join(' › ')}: {i.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-grid panel">
        <Field label={t('inspections.editor.key')} error={issueAt('templateKey')}>
          {(id) => <input id={id} value={content.templateKey} disabled={!isNew} onChange={(e) => setContent({ ...content, templateKey: e.target.value.trim() })} placeholder="window-check" />}
        </Field>
        <Field label={t('inspections.templates.name')} error={issueAt('name')}>
          {(id) => <input id={id} value={content.name} onChange={(e) => setContent({ ...content, name: e.target.value })} />}
        </Field>
        <Field label={t('inspections.editor.description')}>
          {(id) => <input id={id} value={content.description ?? ''} onChange={(e) => setContent({ ...content, description: e.target.value })} />}
        </Field>
        <Field label={t('inspections.fields.status')}>
          {(id) => (
            <select id={id} value={content.status} onChange={(e) => setContent({ ...content, status: e.target.value as TemplateContent['status'] })}>
              {(['draft', 'published', 'retired'] as const).map((s) => (
                <option key={s} value={s}>
                  {t(`inspections.templates.status.${s}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="check-row">
          <legend>{t('inspections.editor.appliesTo')}</legend>
          {(['hall', 'hotline'] as const).map((kind) => (
            <label key={kind} className="check">
              <input
                type="checkbox"
                checked={content.appliesTo.includes(kind)}
                onChange={(e) =>
                  setContent({ ...content, appliesTo: e.target.checked ? [...new Set([...content.appliesTo, kind])] : content.appliesTo.filter((k) => k !== kind) })
                }
              />{' '}
              {t(`inspections.editor.siteKind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <p className="muted" role="status">
          {t('inspections.editor.total', { points: totalWeight(content.sections) })}
        </p>
      </div>

      {content.sections.map((section, s) => (
        <fieldset key={s} className="panel editor-section" data-testid="editor-section">
          <legend>{t('inspections.editor.sectionN', { n: s + 1, title: section.title })}</legend>
          <div className="form-grid">
            <Field label={t('inspections.editor.sectionTitle')} error={issueAt('sections', s, 'title')}>
              {(id) => <input id={id} value={section.title} onChange={(e) => setSection(s, { title: e.target.value })} />}
            </Field>
            <Field label={t('inspections.editor.sectionWeight')} error={issueAt('sections', s, 'weight')}>
              {(id) => <input id={id} type="number" min={0} max={100} value={section.weight} onChange={(e) => setSection(s, { weight: Number(e.target.value) })} />}
            </Field>
            <label className="check">
              <input type="checkbox" checked={section.repeatable} onChange={(e) => setSection(s, { repeatable: e.target.checked })} /> {t('inspections.editor.repeatable')}
            </label>
            {section.repeatable && (
              <Field label={t('inspections.editor.maxRepeats')}>
                {(id) => (
                  <input
                    id={id}
                    type="number"
                    min={1}
                    max={100}
                    value={section.maxRepeats ?? ''}
                    onChange={(e) => setSection(s, e.target.value ? { maxRepeats: Number(e.target.value) } : { maxRepeats: undefined })}
                  />
                )}
              </Field>
            )}
            <Field label={t('inspections.editor.guidance')}>
              {(id) => <input id={id} value={section.guidance ?? ''} onChange={(e) => setSection(s, { guidance: e.target.value || undefined })} />}
            </Field>
          </div>
          <div className="toolbar">
            <button type="button" className="secondary" onClick={() => setContent((c) => ({ ...c, sections: move(c.sections, s, s - 1) }))} disabled={s === 0}>
              {t('inspections.editor.up')}
            </button>
            <button type="button" className="secondary" onClick={() => setContent((c) => ({ ...c, sections: move(c.sections, s, s + 1) }))} disabled={s === content.sections.length - 1}>
              {t('inspections.editor.down')}
            </button>
            <button type="button" className="danger" onClick={() => setRemoving({ section: s })} disabled={content.sections.length === 1}>
              {t('inspections.editor.removeSection')}
            </button>
          </div>
          {section.items.map((item, i) => (
            <ItemEditor
              key={item.id}
              item={item}
              earlier={content.sections.flatMap((x, si) => (si < s ? x.items : si === s ? x.items.slice(0, i) : []))}
              error={(...path) => issueAt('sections', s, 'items', i, ...path)}
              onChange={(patch) => setItem(s, i, patch)}
              onUp={i > 0 ? () => setSection(s, { items: move(section.items, i, i - 1) }) : undefined}
              onDown={i < section.items.length - 1 ? () => setSection(s, { items: move(section.items, i, i + 1) }) : undefined}
              onRemove={section.items.length > 1 ? () => setRemoving({ section: s, item: i }) : undefined}
            />
          ))}
          <button type="button" className="secondary" onClick={() => setSection(s, { items: [...section.items, newItem('pass-fail', uniqueKey('item', ids), '')] })}>
            {t('inspections.editor.addItem')}
          </button>
        </fieldset>
      ))}
      <div className="toolbar">
        <button
          type="button"
          className="secondary"
          onClick={() =>
            setContent((c) => ({
              ...c,
              sections: [...c.sections, { id: uniqueKey('section', c.sections.map((x) => x.id)), title: '', weight: 0, repeatable: false, items: [newItem('pass-fail', uniqueKey('item', ids), '')] }],
            }))
          }
        >
          {t('inspections.editor.addSection')}
        </button>
        <Link to="/inspections/templates">{t('common.cancel')}</Link>
        <button type="button" onClick={check} data-testid="save-template">
          {t('inspections.editor.save')}
        </button>
      </div>
      <ConfirmDialog open={confirm} title={t('inspections.editor.saveTitle')} confirmLabel={t('common.save')} onConfirm={() => void save()} onCancel={() => setConfirm(false)}>
        <p>{t('inspections.editor.saveText', { version: nextVersion(templates, content.templateKey) })}</p>
      </ConfirmDialog>
      <ConfirmDialog open={removing !== null} title={t('inspections.editor.removeTitle')} confirmLabel={t('common.delete')} danger onConfirm={removeNow} onCancel={() => setRemoving(null)}>
        <p>{t('inspections.editor.removeText')}</p>
      </ConfirmDialog>
    </section>
  );
}

function Field({ label, error, children }: { label: string; error?: string; children: (id: string) => React.ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {error && <span className="field-error">{error}</span>}
    </div>
  );
}

function ItemEditor({
  item,
  earlier,
  error,
  onChange,
  onUp,
  onDown,
  onRemove,
}: {
  item: TemplateItem;
  earlier: TemplateItem[];
  error: (...path: (string | number)[]) => string | undefined;
  onChange: (patch: Partial<TemplateItem>) => void;
  onUp?: () => void;
  onDown?: () => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const scored = item.type === 'levels' || item.type === 'pass-fail' || item.type === 'yes-no-na';
  const conditionItem = earlier.find((x) => x.id === item.showIf?.itemId);
  const conditionChoices = conditionItem ? choiceOptions(conditionItem, t) : [];
  return (
    <div className="item-editor" data-testid="editor-item" data-item={item.id}>
      <div className="form-grid">
        <Field label={t('inspections.editor.itemLabel')} error={error('label')}>
          {(id) => <input id={id} value={item.label} onChange={(e) => onChange({ label: e.target.value })} />}
        </Field>
        <Field label={t('inspections.editor.itemType')}>
          {(id) => (
            <select id={id} value={item.type} onChange={(e) => onChange({ type: e.target.value as TemplateItem['type'] })}>
              {templateItemTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`inspections.editor.types.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {(item.type === 'pass-fail' || item.type === 'yes-no-na') && (
          <Field label={t('inspections.editor.points')} error={error('weight')}>
            {(id) => <input id={id} type="number" min={0} max={100} value={item.weight} onChange={(e) => onChange({ weight: Number(e.target.value) })} />}
          </Field>
        )}
        {scored && (
          <label className="check">
            <input type="checkbox" checked={item.critical} onChange={(e) => onChange({ critical: e.target.checked })} /> {t('inspections.editor.critical')}
          </label>
        )}
        {item.critical && (
          <Field label={t('inspections.editor.vetoScope')}>
            {(id) => (
              <select id={id} value={item.vetoScope} onChange={(e) => onChange({ vetoScope: e.target.value as TemplateItem['vetoScope'] })}>
                <option value="inspection">{t('inspections.editor.vetoInspection')}</option>
                <option value="section">{t('inspections.editor.vetoSection')}</option>
              </select>
            )}
          </Field>
        )}
        <label className="check">
          <input type="checkbox" checked={item.required} onChange={(e) => onChange({ required: e.target.checked })} /> {t('inspections.editor.required')}
        </label>
        {item.type !== 'photo' && (
          <Field label={t('inspections.editor.photo')}>
            {(id) => (
              <select id={id} value={item.photo} onChange={(e) => onChange({ photo: e.target.value as TemplateItem['photo'] })}>
                {(['never', 'always', 'on-fail'] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`inspections.editor.photoRule.${p}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {item.type === 'number' && (
          <>
            <Field label={t('inspections.editor.unit')}>{(id) => <input id={id} value={item.unit ?? ''} onChange={(e) => onChange({ unit: e.target.value || undefined })} />}</Field>
            <Field label={t('inspections.editor.min')} error={error('min')}>
              {(id) => <input id={id} type="number" value={item.min ?? ''} onChange={(e) => onChange({ min: e.target.value === '' ? undefined : Number(e.target.value) })} />}
            </Field>
            <Field label={t('inspections.editor.max')}>
              {(id) => <input id={id} type="number" value={item.max ?? ''} onChange={(e) => onChange({ max: e.target.value === '' ? undefined : Number(e.target.value) })} />}
            </Field>
          </>
        )}
        <Field label={t('inspections.editor.guidance')}>
          {(id) => <input id={id} value={item.guidance ?? ''} onChange={(e) => onChange({ guidance: e.target.value || undefined })} />}
        </Field>
        <Field label={t('inspections.editor.showIf')} error={error('showIf', 'itemId')}>
          {(id) => (
            <select
              id={id}
              value={item.showIf?.itemId ?? ''}
              onChange={(e) => {
                const target = earlier.find((x) => x.id === e.target.value);
                const first = target ? choiceOptions(target, t).at(-1)?.value : undefined;
                onChange({ showIf: target && first ? { itemId: target.id, anyOf: [first] } : undefined });
              }}
            >
              <option value="">{t('inspections.editor.always')}</option>
              {earlier
                .filter((x) => choiceOptions(x, t).length > 0)
                .map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.label || x.id}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {item.showIf && conditionChoices.length > 0 && (
          <fieldset className="check-row">
            <legend>{t('inspections.editor.whenAnswer')}</legend>
            {conditionChoices.map((o) => (
              <label key={o.value} className="check">
                <input
                  type="checkbox"
                  checked={item.showIf!.anyOf.includes(o.value)}
                  onChange={(e) => {
                    const anyOf = e.target.checked ? [...item.showIf!.anyOf, o.value] : item.showIf!.anyOf.filter((v) => v !== o.value);
                    onChange({ showIf: anyOf.length ? { itemId: item.showIf!.itemId, anyOf } : undefined });
                  }}
                />{' '}
                {o.label}
              </label>
            ))}
          </fieldset>
        )}
      </div>
      {item.type === 'levels' && (
        <fieldset className="levels-editor">
          <legend>{t('inspections.editor.levels')}</legend>
          {(item.levels ?? []).map((level, l) => (
            <div key={l} className="level-row">
              <label>
                {t('inspections.editor.levelLabel')}{' '}
                <input value={level.label} onChange={(e) => onChange({ levels: item.levels!.map((x, i) => (i === l ? { ...x, label: e.target.value } : x)) })} />
              </label>
              <label>
                {t('inspections.editor.points')}{' '}
                <input type="number" min={0} max={100} value={level.points} onChange={(e) => onChange({ levels: item.levels!.map((x, i) => (i === l ? { ...x, points: Number(e.target.value) } : x)) })} />
              </label>
              <button type="button" className="link" disabled={item.levels!.length <= 2} onClick={() => onChange({ levels: item.levels!.filter((_, i) => i !== l) })}>
                {t('common.delete')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            disabled={(item.levels?.length ?? 0) >= 10}
            onClick={() => onChange({ levels: [...(item.levels ?? []), { id: uniqueKey('level', (item.levels ?? []).map((x) => x.id)), label: '', points: 0 }] })}
          >
            {t('inspections.editor.addLevel')}
          </button>
        </fieldset>
      )}
      <div className="toolbar">
        <span className="muted">{t('inspections.editor.itemId', { id: item.id })}</span>
        {onUp && (
          <button type="button" className="link" onClick={onUp}>
            {t('inspections.editor.up')}
          </button>
        )}
        {onDown && (
          <button type="button" className="link" onClick={onDown}>
            {t('inspections.editor.down')}
          </button>
        )}
        {onRemove && (
          <button type="button" className="link" onClick={onRemove}>
            {t('inspections.editor.removeItem')}
          </button>
        )}
      </div>
    </div>
  );
}
