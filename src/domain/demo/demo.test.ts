import { describe, expect, it } from 'vitest';
import { shiftInstants } from '../calendar/time-zone';
import { WorkingCalendar } from '../calendar/working-days';
import { collectionNames, validateDocument } from '../collections';
import { defaultPolicy } from '../policy';
import { classifyDays } from '../rules/attendance';
import { scoreInspection } from '../rules/inspection';
import { ORG_WIDE } from '../schemas/common';
import { generateDemoOrg, type DemoOrg } from './index';
import { idCheckCharacter, PINYIN_INITIALS } from './people';

const TODAY = '2025-06-18';
const org = generateDemoOrg({ seed: 7, today: TODAY });
const kinds = <T extends { kind?: string }>(docs: readonly T[], kind: string) => docs.filter((d) => d.kind === kind);

describe('generateDemoOrg', () => {
  it('produces only documents that pass validateDocument unchanged (defaults already filled in)', () => {
    for (const name of collectionNames) {
      expect(org[name].length, name).toBeGreaterThan(0);
      for (const doc of org[name]) {
        const result = validateDocument(name, doc);
        if (!result.ok) throw new Error(result.reason);
        expect(result.doc).toEqual(doc);
      }
    }
  });

  it('gives the same organisation for the same seed and a different one for another seed', () => {
    const again = generateDemoOrg({ seed: 7, today: TODAY });
    expect(JSON.stringify(again)).toBe(JSON.stringify(org));
    const other = generateDemoOrg({ seed: 8, today: TODAY });
    expect(other.staff.map((s) => s.name)).not.toEqual(org.staff.map((s) => s.name));
  });

  it('has unique ids, attributes everything to the seed and never dates anything after today 08:00', () => {
    const now = '2025-06-18T00:00:00.000Z'; // 08:00 in Asia/Shanghai
    for (const name of collectionNames) {
      const docs = org[name] as { id: string; updatedAt: string; updatedBy: string; deviceId: string }[];
      expect(new Set(docs.map((d) => d.id)).size, name).toBe(docs.length);
      for (const d of docs) {
        expect(d.updatedBy).toBe('system');
        expect(d.deviceId).toBe('seed');
        expect(d.updatedAt <= now, `${name} ${d.id} ${d.updatedAt}`).toBe(true);
      }
    }
    expect(org.attendance.every((e) => e.deviceTime < now && (e.receivedAt ?? '') <= now)).toBe(true);
  });

  it('builds the hall and the hotline centre of DOMAIN.md', () => {
    const hall = org.sites.find((s) => s.id === 'site-hall-1')!;
    const hotline = org.sites.find((s) => s.id === 'site-hotline-1')!;
    expect(hall.name).toBe('市民中心政务服务大厅');
    expect(hall.posts.map((p) => p.name)).toEqual([...Array.from({ length: 8 }, (_, i) => `综合受理窗口${i + 1}`), '咨询引导台', '帮办代办窗口', '投诉受理窗口']);
    expect(hotline.posts.map((p) => p.name)).toEqual(Array.from({ length: 30 }, (_, i) => `坐席 A${String(i + 1).padStart(2, '0')}`));
    expect(hall.shiftTemplates.map((s) => `${s.name} ${s.start}–${s.end}`)).toEqual(['全天 08:30–17:30', '早班 08:30–16:30', '晚班 14:30–22:30']);
    // Every post has an A holder and a B backup, and they are different people (AB岗位制).
    for (const post of [...hall.posts, ...hotline.posts]) {
      expect(post.holderA).toBeDefined();
      expect(post.holderB).toBeDefined();
      expect(post.holderA).not.toBe(post.holderB);
    }
  });

  it('staffs about 60 people with realistic records', () => {
    expect(org.staff).toHaveLength(60);
    for (const s of org.staff) {
      expect(s.name).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
      expect(s.pinyinInitials).toBe([...s.name].map((c) => PINYIN_INITIALS.get(c)).join(''));
      expect(s.idNumber).toMatch(/^\d{17}[\dX]$/);
      expect(s.idNumber!.at(-1)).toBe(idCheckCharacter(s.idNumber!.slice(0, 17)));
      expect(Number(s.idNumber![16]) % 2).toBe(s.gender === 'male' ? 1 : 0);
      expect(s.phone).toMatch(/^1\d{10}$/);
      expect(s.contractStart).toBe(s.hiredOn);
    }
    expect(new Set(org.staff.map((s) => s.staffNo)).size).toBe(60);
  });

  it('offers a sign-in for every role, with Chinese display names', () => {
    expect(org.users.map((u) => u.role).sort()).toEqual(['admin', 'client-reviewer', 'guide', 'inspector', 'manager', 'superior', 'team-leader', 'trainer']);
    expect(org.users.find((u) => u.username === 'admin')!.siteIds).toEqual([ORG_WIDE]);
    expect(org.users.every((u) => /[\u4e00-\u9fff]/.test(u.displayName))).toBe(true);
  });

  it('keeps references intact', () => {
    const staff = new Map(org.staff.map((s) => [s.id, s]));
    const sites = new Map(org.sites.map((s) => [s.id, s]));
    const catalogIds = new Set(org.catalog.map((c) => c.id));
    for (const name of collectionNames) {
      for (const d of org[name] as { siteId: string }[]) expect(d.siteId === ORG_WIDE || sites.has(d.siteId)).toBe(true);
    }
    for (const slot of kinds(org.rosters, 'slot')) {
      if (slot.kind !== 'slot') continue;
      const site = sites.get(slot.siteId)!;
      expect(site.posts.some((p) => p.id === slot.postId)).toBe(true);
      expect(site.shiftTemplates.some((t) => t.id === slot.shiftId)).toBe(true);
      expect(staff.get(slot.staffId)?.siteId).toBe(slot.siteId);
    }
    for (const e of org.attendance) expect(staff.has(e.staffId)).toBe(true);
    for (const l of org.leave) expect(staff.has(l.staffId)).toBe(true);
    for (const r of org.results) expect(staff.has(r.staffId) && catalogIds.has(r.courseId)).toBe(true);
    for (const r of org.reviews) expect(staff.has(r.staffId)).toBe(true);
    const inspectionIds = new Set(kinds(org.inspections, 'inspection').map((i) => i.id));
    for (const d of org.inspections) {
      if (d.kind === 'inspection') expect(catalogIds.has(d.templateId)).toBe(true);
      else if (d.kind === 'action') expect(inspectionIds.has(d.inspectionId)).toBe(true);
    }
  });

  it('rosters the hall on official working days only and nobody twice at the same time or while on leave', () => {
    const calendar = new WorkingCalendar();
    const slots = org.rosters.flatMap((d) => (d.kind === 'slot' ? [d] : []));
    for (const s of slots.filter((x) => x.siteId === 'site-hall-1')) expect(calendar.isWorkingDay(s.day), s.day).toBe(true);
    const seen = new Set<string>();
    for (const s of slots) {
      const key = `${s.staffId} ${s.day} ${s.shiftId}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
    for (const l of org.leave.filter((x) => x.status === 'approved')) {
      expect(slots.some((s) => s.staffId === l.staffId && s.day >= l.startDay && s.day <= l.endDay)).toBe(false);
    }
    expect(slots.some((s) => s.day > '2025-06-30' && s.status === 'draft')).toBe(true);
  });

  it('has the attendance problems the rules classify, and mostly punctual staff', () => {
    const slots = org.rosters.flatMap((d) => (d.kind === 'slot' && d.day < TODAY ? [d] : []));
    const templates = new Map(org.sites.flatMap((s) => s.shiftTemplates.map((t) => [t.id, t] as const)));
    const days = [...new Set(slots.map((s) => s.day))].sort();
    const totals = { days: 0, onTime: 0, late: 0, early: 0, absenceHalfDays: 0, verified: 0, unverified: 0 };
    for (const person of org.staff) {
      const shifts = slots
        .filter((s) => s.staffId === person.id)
        .map((s) => {
          const t = templates.get(s.shiftId)!;
          return { id: s.id, day: s.day, postId: s.postId, ...shiftInstants(s.day, t.start, t.end) };
        });
      const events = org.attendance.filter((e) => e.staffId === person.id);
      for (const d of classifyDays(days, shifts, events, {}, defaultPolicy)) {
        if (d.status === 'off') continue;
        totals.days += 1;
        totals.onTime += d.onTime ? 1 : 0;
        totals.late += d.lateCount;
        totals.early += d.earlyCount;
        totals.absenceHalfDays += d.absenceHalfDays;
        totals.verified += d.verifiedMissingPunches;
        totals.unverified += d.unverifiedMissingPunches;
      }
    }
    expect(totals.onTime / totals.days).toBeGreaterThan(0.85);
    for (const k of ['late', 'early', 'absenceHalfDays', 'verified', 'unverified'] as const) expect(totals[k], k).toBeGreaterThan(0);
    const eventKinds = new Set(org.attendance.map((e) => e.kind));
    expect([...eventKinds].sort()).toEqual(['check-in', 'check-out', 'correction', 'left-post', 'returned', 'verified-missing-punch']);
  });

  it('routes leave over 3 days to the superior and records evidence by hash', () => {
    const long = org.leave.filter((l) => l.steps.length === 2);
    expect(long.length).toBeGreaterThan(0);
    expect(long.every((l) => l.steps[1]!.level === 'superior')).toBe(true);
    expect(org.leave.filter((l) => l.type === 'sick').every((l) => l.evidence.length === 1)).toBe(true);
    const statuses = new Set(org.leave.map((l) => l.status));
    expect(statuses.has('approved')).toBe(true);
    expect(statuses.size).toBeGreaterThan(1);
  });

  it('ships the courses, question banks and the four seed inspection templates', () => {
    expect(kinds(org.catalog, 'course')).toHaveLength(15);
    expect(kinds(org.catalog, 'inspection-template').map((t) => t.kind === 'inspection-template' && t.name).sort()).toEqual(['工单质量评分', '现场纪律检查', '窗口督导检查表', '通话质量评分'].sort());
    for (const bank of org.catalog) if (bank.kind === 'question-bank') expect(bank.questions.reduce((n, q) => n + q.points, 0)).toBe(100);
  });

  it('scores inspections with the rules and raises corrective actions from failed items', () => {
    const templates = new Map(org.catalog.flatMap((t) => (t.kind === 'inspection-template' ? [[t.id, t] as const] : [])));
    const inspections = org.inspections.flatMap((d) => (d.kind === 'inspection' ? [d] : []));
    for (const i of inspections.filter((x) => x.status !== 'draft')) {
      expect(i.score).toBe(scoreInspection(templates.get(i.templateId)!.sections, i.answers, defaultPolicy).score);
    }
    expect(kinds(org.inspections, 'action').length).toBeGreaterThan(0);
  });

  it('issues certificates only for passed results, and reviews locked with both scores', () => {
    const results = new Map(org.results.map((r) => [r.id, r]));
    for (const c of org.results) if (c.kind === 'certificate' && c.examResultId) expect(results.get(c.examResultId)).toMatchObject({ passed: true });
    expect(org.reviews.some((r) => r.locked)).toBe(true);
  });

  it('scales with its parameters', () => {
    const big: DemoOrg = generateDemoOrg({ seed: 1, today: '2026-01-10', staffCount: 250, months: 2 });
    expect(big.staff).toHaveLength(250);
    expect(big.sites.map((s) => s.id)).toEqual(expect.arrayContaining(['site-hall-1', 'site-hotline-1', 'site-hall-4', 'site-hotline-4']));
    expect(big.rosters.every((d) => d.kind !== 'slot' || d.day >= '2025-12-01')).toBe(true);
    const small = generateDemoOrg({ seed: 1, today: '2026-01-10', staffCount: 5, months: 1 });
    expect(small.staff).toHaveLength(5);
    for (const name of collectionNames) for (const d of small[name]) expect(validateDocument(name, d).ok).toBe(true);
  });
});
