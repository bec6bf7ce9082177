import type { TFunction } from 'i18next';
import type { InspectionAnswer } from '../../domain/schemas/inspection';
import type { TemplateItem } from '../../domain/schemas/inspection-template';

/** The choices an item offers, as buttons: its levels with points, pass / fail, or yes / no / not applicable. */
export function choiceOptions(item: Pick<TemplateItem, 'type' | 'levels' | 'weight'>, t: TFunction): { value: string; label: string }[] {
  switch (item.type) {
    case 'levels':
      return (item.levels ?? []).map((l) => ({ value: l.id, label: t('inspections.run.levelOption', { label: l.label, points: l.points }) }));
    case 'pass-fail':
      return [
        { value: 'pass', label: t('inspections.choice.pass') },
        { value: 'fail', label: t('inspections.choice.fail') },
      ];
    case 'yes-no-na':
      return [
        { value: 'yes', label: t('inspections.choice.yes') },
        { value: 'no', label: t('inspections.choice.no') },
        { value: 'na', label: t('inspections.choice.na') },
      ];
    default:
      return [];
  }
}

/** An answer as the report prints it. */
export function answerText(item: TemplateItem, answer: InspectionAnswer | undefined, t: TFunction): string {
  if (!answer) return t('inspections.report.unanswered');
  switch (item.type) {
    case 'levels': {
      const level = item.levels?.find((l) => l.id === answer.choice);
      return level ? t('inspections.run.levelOption', { label: level.label, points: level.points }) : t('inspections.report.unanswered');
    }
    case 'pass-fail':
    case 'yes-no-na':
      return answer.choice ? t(`inspections.choice.${answer.choice}`) : t('inspections.report.unanswered');
    case 'number':
      return answer.number === undefined ? t('inspections.report.unanswered') : `${answer.number}${item.unit ? ` ${item.unit}` : ''}`;
    case 'text':
      return answer.text?.trim() ? answer.text : t('inspections.report.unanswered');
    case 'photo':
      return t('inspections.report.photos', { n: answer.photos.length });
  }
}
