import { useMemo } from 'react';
import { useLiveDocs } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { dayOfInstant, DEFAULT_TIME_ZONE } from '../../domain/calendar/time-zone';
import type { DocOf } from '../../domain/collections';
import { defaultPolicy, type Policy } from '../../domain/policy';
import type { Role } from '../../domain/roles';
import type { Course, QuestionBank } from '../../domain/schemas/course';
import { applyPolicyOverrides, type Organisation } from '../../domain/schemas/organisation';
import type { Site } from '../../domain/schemas/site';
import type { Staff } from '../../domain/schemas/staff';
import type { Certificate, Exam, ExamResult, TrainingSession } from '../../domain/schemas/training';
import { useSession } from '../../sync/session';

/** Live, typed views of the training data in the local database (already limited to the user's sites by sync). */

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'zh-CN');

function ofKind<C extends 'catalog' | 'training' | 'results', K extends DocOf<C>['kind']>(docs: DocOf<C>[], kind: K) {
  return docs.filter((d): d is Extract<DocOf<C>, { kind: K }> => d.kind === kind);
}

export function useCourses(): { courses: Course[]; byId: Map<string, Course>; loading: boolean } {
  const { docs, loading } = useLiveDocs('catalog', { selector: { kind: 'course' } });
  return useMemo(() => {
    const courses = ofKind<'catalog', 'course'>(docs, 'course').sort(byName);
    return { courses, byId: new Map(courses.map((c) => [c.id, c])), loading };
  }, [docs, loading]);
}

export function useBanks(): { banks: QuestionBank[]; loading: boolean } {
  const { docs, loading } = useLiveDocs('catalog', { selector: { kind: 'question-bank' } });
  return useMemo(() => ({ banks: ofKind<'catalog', 'question-bank'>(docs, 'question-bank').sort(byName), loading }), [docs, loading]);
}

export function useSites(): Site[] {
  const { docs } = useLiveDocs('sites', { selector: {} });
  return useMemo(() => [...docs].sort(byName), [docs]);
}

export function useStaff(): { staff: Staff[]; byId: Map<string, Staff>; loading: boolean } {
  const { docs, loading } = useLiveDocs('staff', { selector: {} });
  return useMemo(() => {
    const staff = [...docs].sort((a, b) => a.staffNo.localeCompare(b.staffNo));
    return { staff, byId: new Map(staff.map((s) => [s.id, s])), loading };
  }, [docs, loading]);
}

export function useSessions(): { sessions: TrainingSession[]; loading: boolean } {
  const { docs, loading } = useLiveDocs('training', { selector: { kind: 'session' } });
  return useMemo(() => ({ sessions: ofKind<'training', 'session'>(docs, 'session'), loading }), [docs, loading]);
}

export function useExams(): { exams: Exam[]; loading: boolean } {
  const { docs, loading } = useLiveDocs('training', { selector: { kind: 'exam' } });
  return useMemo(() => ({ exams: ofKind<'training', 'exam'>(docs, 'exam'), loading }), [docs, loading]);
}

/** Exam results, optionally only those of some exams. */
export function useResults(examIds?: readonly string[]): { results: ExamResult[]; loading: boolean } {
  const { docs, loading } = useLiveDocs('results', { selector: { kind: 'exam-result' } });
  const wanted = examIds ? examIds.join('\u0000') : null;
  return useMemo(() => {
    const only = wanted === null ? null : new Set(wanted.split('\u0000'));
    const results = ofKind<'results', 'exam-result'>(docs, 'exam-result').filter((r) => !only || only.has(r.examId));
    return { results, loading };
  }, [docs, loading, wanted]);
}

export function useCertificates(): { certificates: Certificate[]; loading: boolean } {
  const { docs, loading } = useLiveDocs('results', { selector: { kind: 'certificate' } });
  return useMemo(() => ({ certificates: ofKind<'results', 'certificate'>(docs, 'certificate'), loading }), [docs, loading]);
}

export function useOrganisation(): Organisation | undefined {
  const { docs } = useLiveDocs('catalog', { selector: { kind: 'organisation' } });
  return ofKind<'catalog', 'organisation'>(docs, 'organisation')[0];
}

/** The policy in force at a site (the organisation's with the site's overrides), or the organisation's. */
export function usePolicy(siteId?: string): Policy {
  const org = useOrganisation();
  const sites = useSites();
  const site = siteId ? sites.find((s) => s.id === siteId) : undefined;
  return useMemo(() => applyPolicyOverrides(org?.policy ?? defaultPolicy, site?.policyOverrides), [org, site]);
}

/** Today in a site's time zone, rolling over by itself. */
export function useToday(timeZone: string = DEFAULT_TIME_ZONE): string {
  return dayOfInstant(useNow(), timeZone);
}

/** What the signed-in user may change (the server checks the same, per document). */
export function usePermissions(): { catalog: boolean; sites: boolean; role: Role | undefined; userId: string; displayName: string } {
  const session = useSession();
  const user = session?.user;
  return {
    // Courses and question banks are organisation-wide documents: trainers and administrators write them.
    catalog: user?.role === 'trainer' || user?.role === 'admin',
    // Posts live in the site documents, which only managers and administrators change.
    sites: user?.role === 'manager' || user?.role === 'admin',
    role: user?.role,
    userId: user?.id ?? 'anonymous',
    displayName: user?.displayName ?? '',
  };
}

/** Search by name, pinyin initials or staff number. */
export function matchesPerson(person: Pick<Staff, 'name' | 'pinyinInitials' | 'staffNo'>, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return person.name.includes(q) || person.pinyinInitials.toLowerCase().startsWith(q) || person.staffNo.toLowerCase().includes(q);
}
