import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RosterIssue } from '../../domain/rules/roster';

const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/** Day, weekday and issue texts in the current language (days are labels, formatted in UTC so no zone moves them). */
export function useRosterLabels(courseNames: ReadonlyMap<string, string> = new Map()) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return useMemo(() => {
    const long = new Intl.DateTimeFormat(lang, { month: 'short', day: 'numeric', weekday: 'short', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat(lang, { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
    const weekday = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    const subject = (issue: RosterIssue) => {
      if (!issue.subject) return '';
      if (issue.code === 'on-leave') return t(`leave.type.${issue.subject}`);
      if (issue.code === 'course-missing' || issue.code === 'course-expired') return courseNames.get(issue.subject) ?? issue.subject;
      return issue.subject;
    };
    const rest = (minutes = 0) => t('roster.restHours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
    return {
      day: (day: string) => long.format(dayMs(day)),
      shortDay: (day: string) => short.format(dayMs(day)),
      weekday: (day: string) => weekday.format(dayMs(day)),
      month: (day: string) => month.format(dayMs(day)),
      issue: (issue: RosterIssue) => t(`roster.issue.${issue.code}`, { subject: subject(issue), rest: rest(issue.restMinutes) }),
    };
  }, [t, lang, courseNames]);
}
