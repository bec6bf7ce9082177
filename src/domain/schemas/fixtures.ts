import type { CollectionName } from '../collections';
import { certificateId, examResultId, reviewId, rosterSlotId, templateVersionId } from '../ids';
import { ORG_WIDE } from './common';
import { siteReportId } from './site-report';

/**
 * One small valid document per collection and kind, written by hand, for
 * tests here and elsewhere (server, client) that need a document of each shape.
 * Fresh objects on every call, so tests may mutate them.
 */
export function sampleDocuments(): Record<CollectionName, Record<string, unknown>[]> {
  const base = (id: string, siteId = 'site-hall-1') => ({
    id,
    siteId,
    updatedAt: '2025-03-03T00:00:00.000Z',
    updatedBy: 'system',
    deviceId: 'seed',
  });
  const sha = 'a'.repeat(64);
  return {
    sites: [
      {
        ...base('site-hall-1'),
        name: '市民中心政务服务大厅',
        kind: 'hall',
        timeZone: 'Asia/Shanghai',
        posts: [{ id: 'post-w1', name: '综合受理窗口1', kind: 'window', holderA: 'staff-1', holderB: 'staff-2', requiredCertificates: [], requiredCourses: [] }],
        shiftTemplates: [{ id: 'early', name: '早班', start: '08:30', end: '16:30', breakMinutes: 60 }],
        policyOverrides: { attendance: { graceMinutes: 5 } },
        calendarOverrides: [{ day: '2025-03-08', working: false, note: '妇女节' }],
      },
    ],
    catalog: [
      { ...base('org', ORG_WIDE), kind: 'organisation', name: '示例人力资源服务有限公司', policy: {}, calendarOverrides: [] },
      { ...base('course-onboarding', ORG_WIDE), kind: 'course', name: '岗前培训', category: 'onboarding', requiredForPostKinds: ['window', 'desk', 'seat'], durationDays: 10, active: true },
      {
        ...base('bank-1', ORG_WIDE),
        kind: 'question-bank',
        name: '岗前培训题库',
        courseId: 'course-onboarding',
        questions: [
          { id: 'q1', type: 'single', prompt: '员工应提前几分钟到岗参加班前会？', options: [{ id: 'a', text: '5' }, { id: 'b', text: '10' }], answer: ['b'], points: 50 },
          { id: 'q2', type: 'true-false', prompt: '可以在岗位上吃东西。', answer: ['false'], points: 50 },
          { id: 'q3', type: 'short-answer', prompt: '简述首问负责制。', points: 0 },
        ],
      },
      {
        ...base(templateVersionId('floor-discipline', 1), ORG_WIDE),
        kind: 'inspection-template',
        templateKey: 'floor-discipline',
        version: 1,
        name: '现场纪律检查',
        sections: [
          {
            id: 'discipline',
            title: '现场纪律',
            weight: 100,
            items: [
              { id: 'desk-tidy', label: '桌面整洁', type: 'pass-fail', weight: 50, photo: 'on-fail' },
              { id: 'uniform', label: '着装规范、佩戴工牌', type: 'pass-fail', weight: 50, critical: true },
            ],
          },
        ],
      },
      { ...base('plan-1'), kind: 'inspection-plan', templateKey: 'floor-discipline', frequency: 'weekly', perPeriod: 2, mode: 'scheduled', workingDaysOnly: true, startDay: '2025-03-03', active: true },
    ],
    staff: [
      {
        ...base('staff-1'),
        staffNo: 'HS0001',
        name: '张伟',
        pinyinInitials: 'zw',
        gender: 'male',
        postId: 'post-w1',
        status: 'on-post',
        idNumber: '110101199003071234',
        employmentForm: 'full-time',
        agreementType: 'labour-contract',
        contractStart: '2024-03-01',
        contractEnd: '2027-02-28',
        probationEnd: '2024-05-31',
        socialInsurance: 'D',
        onboardingDocuments: { idCopies: 2, photos: true, householdRegisterCopy: true, diplomaCopy: true, bankCardCopy: true, medicalReportOn: '2024-02-20' },
      },
    ],
    rosters: [
      { ...base(rosterSlotId('site-hall-1', 'post-w1', '2025-03-03', 'early')), kind: 'slot', postId: 'post-w1', day: '2025-03-03', shiftId: 'early', staffId: 'staff-1', status: 'published' },
      { ...base('swap-1'), kind: 'swap', staffId: 'staff-1', day: '2025-03-03', slotId: rosterSlotId('site-hall-1', 'post-w1', '2025-03-03', 'early'), requestType: 'cover', counterpartId: 'staff-2', requestedAt: '2025-03-01T02:00:00.000Z', status: 'requested' },
      { ...base('handover-1'), kind: 'handover', day: '2025-03-03', staffId: 'staff-1', receiverId: 'staff-2', witnessId: 'staff-3', at: '2025-03-03T06:30:00.000Z', openItems: [{ text: '一位群众的材料待补交', resolved: false }] },
    ],
    attendance: [
      { ...base('0195a1b2-0000-7000-8000-000000000001'), staffId: 'staff-1', kind: 'check-in', method: 'pin', deviceTime: '2025-03-03T00:25:00.000Z', hlc: '1740961500000:0000:tablet-1' },
    ],
    leave: [
      {
        ...base('leave-1'),
        staffId: 'staff-1',
        type: 'sick',
        startDay: '2025-03-10',
        endDay: '2025-03-11',
        evidence: [sha],
        requestedAt: '2025-03-07T01:00:00.000Z',
        steps: [{ level: 'manager', approverId: 'manager-1', decision: 'approved', decidedAt: '2025-03-07T02:00:00.000Z' }],
        status: 'approved',
      },
    ],
    training: [
      { ...base('session-1'), kind: 'session', courseId: 'course-onboarding', trainerId: 'trainer-1', day: '2025-03-04', start: '09:00', end: '12:00', place: '培训室', attendees: [{ staffId: 'staff-1', status: 'present' }], status: 'held' },
      { ...base('exam-1'), kind: 'exam', courseId: 'course-onboarding', title: '岗前培训考试', day: '2025-03-05', trainerId: 'trainer-1', mode: 'question-bank', questionBankId: 'bank-1', status: 'open' },
    ],
    results: [
      { ...base(examResultId('exam-1', 'staff-1', 1)), kind: 'exam-result', examId: 'exam-1', courseId: 'course-onboarding', staffId: 'staff-1', attempt: 1, day: '2025-03-05', answers: [{ questionId: 'q1', selected: ['b'], autoPoints: 50 }], autoScore: 50, status: 'pending-marking' },
      { ...base(certificateId('course-onboarding', 'staff-1', '2025-03-05')), kind: 'certificate', courseId: 'course-onboarding', staffId: 'staff-1', number: 'PX-2025-0001', issuedOn: '2025-03-05' },
    ],
    inspections: [
      {
        ...base('insp-1'),
        kind: 'inspection',
        templateId: templateVersionId('floor-discipline', 1),
        templateKey: 'floor-discipline',
        templateVersion: 1,
        day: '2025-03-03',
        mode: 'patrol',
        inspectorId: 'inspector-1',
        postId: 'post-w1',
        staffId: 'staff-1',
        startedAt: '2025-03-03T02:00:00.000Z',
        answers: [{ itemId: 'desk-tidy', choice: 'fail', photos: [sha], answeredAt: '2025-03-03T02:01:00.000Z', answeredBy: 'inspector-1' }],
        notes: 'AQ==',
        status: 'submitted',
        submittedAt: '2025-03-03T02:10:00.000Z',
        score: 50,
        grade: 'fail',
      },
      { ...base('action-1'), kind: 'action', inspectionId: 'insp-1', itemId: 'desk-tidy', day: '2025-03-03', dueDay: '2025-03-10', title: '整理窗口桌面', ownerId: 'staff-1', requiredEvidence: '整改后桌面照片', status: 'open' },
      { ...base(siteReportId('site-hall-1', 'week', '2025-03-03')), kind: 'site-report', period: 'week', day: '2025-03-03', endDay: '2025-03-09', status: 'draft', rows: [{ id: 'row-1', position: 0, removed: false }] },
    ],
    reviews: [
      { ...base(reviewId('staff-1', '2025-02')), staffId: 'staff-1', month: '2025-02', providerScore: 90, providerScoredBy: 'manager-1', clientScore: 85, clientScoredBy: 'client-1', total: 86.5, locked: true },
    ],
  };
}
