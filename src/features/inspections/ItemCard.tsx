import { useId, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Policy } from '../../domain/policy';
import { isFailed, needsPhoto, type AnswerPatch } from '../../domain/rules/inspection-run';
import type { InspectionAnswer } from '../../domain/schemas/inspection';
import type { TemplateItem } from '../../domain/schemas/inspection-template';
import { ActionForm } from './ActionForm';
import type { ActionDoc, InspectionDoc } from './data';
import { choiceOptions } from './labels';
import { PhotoCapture, PhotoStrip } from './MediaParts';
import { editNote } from './notes';

/** The live text of one note field of a Yjs document. */
export function useYText(doc: Y.Doc, field: string): string {
  return useSyncExternalStore(
    (onChange) => {
      doc.on('update', onChange);
      return () => doc.off('update', onChange);
    },
    () => doc.getText(field).toString(),
  );
}

/** A note typed into a Yjs text (merged with other devices' edits); `onEdited` schedules the save. */
export function NoteField({ doc, field, label, onEdited, disabled }: { doc: Y.Doc; field: string; label: string; onEdited: () => void; disabled?: boolean }) {
  const id = useId();
  const value = useYText(doc, field);
  return (
    <div className="field note-field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={value}
        rows={2}
        maxLength={2000}
        disabled={disabled}
        onChange={(e) => {
          editNote(doc, field, e.target.value);
          onEdited();
        }}
      />
    </div>
  );
}

export interface ItemCardProps {
  inspection: InspectionDoc;
  item: TemplateItem;
  instance: number;
  answer: InspectionAnswer | undefined;
  actions: readonly ActionDoc[];
  policy: Policy;
  notes: Y.Doc;
  noteField: string;
  onNoteEdited: () => void;
  onAnswer: (patch: AnswerPatch) => Promise<unknown>;
  /** Problems the submit check found on this item. */
  problem?: 'unanswered' | 'photo-required' | 'out-of-range';
}

/** One checklist item: big answer buttons, its value, photos with marks, a note, and a corrective action when it fails. */
export function ItemCard({ inspection, item, instance, answer, actions, policy, notes, noteField, onNoteEdited, onAnswer, problem }: ItemCardProps) {
  const { t } = useTranslation();
  const labelId = useId();
  const [raising, setRaising] = useState(false);
  const failed = isFailed(item, answer);
  const photos = answer?.photos ?? [];
  const photoNeeded = needsPhoto(item, answer);
  const options = choiceOptions(item, t);

  return (
    <article
      className={`item-card ${failed ? 'failed' : ''} ${problem ? 'has-problem' : ''}`}
      id={`item-${item.id}-${instance}`}
      data-testid="item-card"
      data-item={item.id}
      data-instance={instance}
      data-failed={failed}
      aria-labelledby={labelId}
    >
      <header className="item-head">
        <h3 id={labelId}>{item.label}</h3>
        <span className="item-badges">
          {item.critical && <span className="badge bad">{t('inspections.run.critical')}</span>}
          {item.weight > 0 && <span className="badge">{t('inspections.run.points', { points: item.weight })}</span>}
          {!item.required && <span className="badge">{t('inspections.run.optional')}</span>}
        </span>
      </header>
      {item.guidance && (
        <details className="guidance">
          <summary>{t('inspections.run.guidance')}</summary>
          <p>{item.guidance}</p>
        </details>
      )}
      {options.length > 0 && (
        <div className="choice-group" role="group" aria-labelledby={labelId}>
          {options.map((o) => (
            <button
              key={o.value}
              type="button"
              className={`choice ${answer?.choice === o.value ? 'selected' : ''}`}
              aria-pressed={answer?.choice === o.value}
              onClick={() => void onAnswer({ choice: answer?.choice === o.value ? null : o.value })}
            >
              {o.label}
            </button>
          ))}
        </div>
      )}
      {item.type === 'number' && <NumberInput item={item} value={answer?.number} onCommit={(n) => onAnswer({ number: n })} />}
      {item.type === 'text' && <TextInput label={item.label} value={answer?.text ?? ''} onCommit={(text) => onAnswer({ text: text.trim() ? text : null })} />}
      {problem && (
        <p className="field-error" role="alert">
          {t(`inspections.problem.${problem}`)}
        </p>
      )}
      <div className="item-photos">
        <PhotoStrip hashes={photos} label={item.label} onRemove={(hash) => void onAnswer({ photos: photos.filter((p) => p !== hash) })} />
        <PhotoCapture
          label={photoNeeded ? t('inspections.media.takeRequired') : t('inspections.media.take')}
          onSaved={async (hash) => {
            await onAnswer({ photos: [...photos, hash] });
          }}
        />
      </div>
      <NoteField doc={notes} field={noteField} label={t('inspections.run.itemNote')} onEdited={onNoteEdited} />
      {failed && (
        <div className="item-actions">
          {actions.map((a) => (
            <p key={a.id} className="badge warn" data-testid="item-action">
              {t('inspections.run.actionRaised', { title: a.title, due: a.dueDay })}
            </p>
          ))}
          {raising ? (
            <ActionForm inspection={inspection} item={item} instance={instance} policy={policy} onDone={() => setRaising(false)} />
          ) : (
            <button type="button" className="secondary" onClick={() => setRaising(true)}>
              {t('inspections.run.raiseAction')}
            </button>
          )}
        </div>
      )}
    </article>
  );
}

function NumberInput({ item, value, onCommit }: { item: TemplateItem; value: number | undefined; onCommit: (n: number | null) => unknown }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value === undefined ? '' : String(value));
  return (
    <div className="field inline">
      <label htmlFor={id}>{t('inspections.run.value', { unit: item.unit ?? '' })}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={shown}
        min={item.min}
        max={item.max}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (text === null) return;
          const n = text.trim() === '' ? null : Number(text);
          setText(null);
          if (n === null || Number.isFinite(n)) void onCommit(n);
        }}
      />
    </div>
  );
}

function TextInput({ label, value, onCommit }: { label: string; value: string; onCommit: (text: string) => unknown }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState<string | null>(null);
  return (
    <div className="field">
      <label htmlFor={id}>{t('inspections.run.textAnswer', { label })}</label>
      <textarea
        id={id}
        rows={2}
        maxLength={2000}
        value={text ?? value}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (text === null) return;
          setText(null);
          if (text !== value) void onCommit(text);
        }}
      />
    </div>
  );
}
