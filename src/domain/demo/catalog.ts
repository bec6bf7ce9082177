import { ORG_WIDE } from '../schemas/common';
import type { Course, Question, QuestionBank } from '../schemas/course';
import { standardisationTopics } from '../schemas/course';

type Stamp = { updatedAt: string; updatedBy: string; deviceId: string };

const TOPIC_NAMES: Record<(typeof standardisationTopics)[number], string> = {
  'service-environment': '服务环境',
  appearance: '仪容仪表',
  'business-norms': '业务规范',
  'service-attitude': '服务态度',
  'service-efficiency': '服务效率',
  'work-discipline': '工作纪律',
  communication: '沟通技巧',
  'complaint-handling': '投诉应对',
  'public-opinion': '舆论引导',
  'positive-mindset': '阳光心态',
};

export const COURSE_IDS = {
  onboarding: 'course-onboarding',
  safety: 'course-safety',
  business: 'course-business',
  etiquette: 'course-etiquette',
  system: 'course-system',
} as const;

export const topicCourseId = (topic: (typeof standardisationTopics)[number]) => `course-std-${topic}`;

/** The courses of DOMAIN.md "Training and exams": five core courses and the ten hall standardisation topics. */
export function demoCourses(stamp: Stamp): Course[] {
  const course = (id: string, rest: Omit<Course, 'id' | 'siteId' | 'updatedAt' | 'updatedBy' | 'deviceId' | 'kind' | 'requiredForPostKinds' | 'active'> & Partial<Pick<Course, 'requiredForPostKinds'>>): Course => ({
    id,
    siteId: ORG_WIDE,
    ...stamp,
    kind: 'course',
    requiredForPostKinds: [],
    active: true,
    ...rest,
  });
  return [
    course(COURSE_IDS.onboarding, {
      name: '岗前培训',
      category: 'onboarding',
      description: '三方关系、派遣单位与用工单位规章制度、岗位职责；考核通过方可上岗。',
      requiredForPostKinds: ['window', 'desk', 'seat'],
      durationDays: 10,
    }),
    course(COURSE_IDS.safety, { name: '安全三级教育', category: 'safety', description: '公司级、部门级、班组级安全教育。', requiredForPostKinds: ['window', 'desk', 'seat'], durationDays: 1 }),
    course(COURSE_IDS.business, { name: '业务知识', category: 'business', description: '常办事项受理条件、材料与流程；12345 知识库使用。' }),
    course(COURSE_IDS.etiquette, { name: '服务礼仪', category: 'etiquette', description: '文明用语、接待流程、电话礼仪。' }),
    course(COURSE_IDS.system, { name: '系统操作', category: 'system', description: '综合受理系统、叫号系统、工单系统操作。' }),
    ...standardisationTopics.map((topic) =>
      course(topicCourseId(topic), { name: `标准化专题：${TOPIC_NAMES[topic]}`, category: 'standardisation', topic }),
    ),
  ];
}

export const BANK_IDS = { onboarding: 'bank-onboarding', safety: 'bank-safety' } as const;

const single = (id: string, prompt: string, options: string[], right: number, points: number): Question => ({
  id,
  type: 'single',
  prompt,
  options: options.map((text, i) => ({ id: String.fromCharCode(97 + i), text })),
  answer: [String.fromCharCode(97 + right)],
  points,
});
const multiple = (id: string, prompt: string, options: string[], right: number[], points: number): Question => ({
  id,
  type: 'multiple',
  prompt,
  options: options.map((text, i) => ({ id: String.fromCharCode(97 + i), text })),
  answer: right.map((r) => String.fromCharCode(97 + r)),
  points,
});
const trueFalse = (id: string, prompt: string, right: boolean, points: number): Question => ({
  id,
  type: 'true-false',
  prompt,
  options: [],
  answer: [String(right)],
  points,
});

/** Two question banks worth 100 points each, used by the demo exams. */
export function demoQuestionBanks(stamp: Stamp): QuestionBank[] {
  return [
    {
      id: BANK_IDS.onboarding,
      siteId: ORG_WIDE,
      ...stamp,
      kind: 'question-bank',
      name: '岗前培训考核题库',
      courseId: COURSE_IDS.onboarding,
      questions: [
        single('q1', '上岗前应提前多少分钟到岗参加班前会？', ['5 分钟', '10 分钟', '15 分钟', '30 分钟'], 1, 10),
        single('q2', '群众咨询的事项不属于本窗口受理范围时，应当：', ['告知不归本窗口管', '一次性告知并引导至正确窗口', '让群众自行查询', '请群众改日再来'], 1, 10),
        single('q3', 'AB 岗位制中，A 岗人员请假时由谁顶岗？', ['组长', '任意同事', '指定的 B 岗人员', '项目经理'], 2, 10),
        single('q4', '连续请假超过几天需项目经理的上级审批？', ['1 天', '2 天', '3 天', '5 天'], 2, 10),
        multiple('q5', '下列属于工作纪律禁止行为的有：', ['串岗', '脱岗', '上岗时吃东西', '使用文明用语'], [0, 1, 2], 10),
        multiple('q6', '入职需提交的资料包括：', ['身份证复印件两份', '户口本复印件', '学历证书复印件', '银行卡复印件'], [0, 1, 2, 3], 10),
        multiple('q7', '服务态度的要求包括：', ['热情', '耐心', '细致', '推诿'], [0, 1, 2], 10),
        trueFalse('q8', '上岗时可以佩戴工牌以外的个人饰品并随意着装。', false, 10),
        trueFalse('q9', '漏打卡经组长说明并经项目经理确认后可视为正常出勤。', true, 10),
        { id: 'q10', type: 'short-answer', prompt: '简述首问负责制的含义。', options: [], answer: [], points: 10, explanation: '首位接待的工作人员负责解答或引导，不得推诿。' },
      ],
    },
    {
      id: BANK_IDS.safety,
      siteId: ORG_WIDE,
      ...stamp,
      kind: 'question-bank',
      name: '安全三级教育题库',
      courseId: COURSE_IDS.safety,
      questions: [
        single('s1', '发现火情时首先应当：', ['继续办理业务', '立即报警并组织群众疏散', '拍照发朋友圈', '等待领导指示'], 1, 20),
        single('s2', '大厅安全出口应当：', ['堆放杂物', '保持畅通', '上锁', '用于休息'], 1, 20),
        single('s3', '群众突发身体不适时，应首先：', ['使用大厅药品箱并拨打 120', '请其离开', '继续排队叫号', '拍视频'], 0, 20),
        multiple('s4', '下列属于用电安全要求的有：', ['不私拉电线', '下班关闭设备电源', '湿手触碰插座', '不使用大功率电器'], [0, 1, 3], 20),
        trueFalse('s5', '信息安全要求不得向无关人员透露群众的个人信息。', true, 20),
      ],
    },
  ];
}
