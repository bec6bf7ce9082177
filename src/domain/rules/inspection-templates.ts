import type { z } from 'zod';
import { templateVersionId } from '../ids';
import { ORG_WIDE } from '../schemas/common';
import type { inspectionTemplateSchema, templateItemSchema, templateSectionSchema } from '../schemas/inspection-template';

/**
 * The four seed templates of DOMAIN.md "Inspections", as data in the shape of
 * `inspectionTemplateSchema` (defaults left out). Where DOMAIN.md gives points
 * they are exact; the split of a dimension's points over its items, and the
 * items of 服务效率 (for which the documents list none), are ours.
 */

type ItemInput = z.input<typeof templateItemSchema>;
type SectionInput = z.input<typeof templateSectionSchema>;
export type TemplateDocumentInput = z.input<typeof inspectionTemplateSchema>;

export interface SeedTemplate {
  templateKey: string;
  name: string;
  description: string;
  appliesTo: ('hall' | 'hotline')[];
  sections: SectionInput[];
}

/** Three levels with the given labels: full points, `fair` points, none. The weight is the top level's points. */
const threeLevels =
  (good: string, fair: string, poor: string) =>
  (id: string, label: string, points: number, fairPoints: number, extra: Partial<ItemInput> = {}): ItemInput => ({
    id,
    label,
    type: 'levels',
    weight: points,
    levels: [
      { id: 'good', label: good, points },
      { id: 'fair', label: fair, points: fairPoints },
      { id: 'poor', label: poor, points: 0 },
    ],
    ...extra,
  });

/** A graded item 好 / 中 / 差 with the given points. */
const graded = threeLevels('好', '中', '差');

const conformsLevels = threeLevels('符合', '基本符合', '不符合');
/** 符合 / 基本符合 / 不符合: full, half, or no points. */
const conforms = (id: string, label: string, points: number, extra: Partial<ItemInput> = {}): ItemInput =>
  conformsLevels(id, label, points, points / 2, extra);

const passFail = (id: string, label: string, weight: number, extra: Partial<ItemInput> = {}): ItemInput => ({
  id,
  label,
  type: 'pass-fail',
  weight,
  ...extra,
});

/** A dimension of a template: its points and its items. */
const section = (id: string, title: string, weight: number, items: ItemInput[]): SectionInput => ({
  id,
  title,
  weight,
  items,
});

export const windowSupervisionTemplate: SeedTemplate = {
  templateKey: 'window-supervision',
  name: '窗口督导检查表',
  description: 'Window-hall supervision: seven dimensions, 100 points.',
  appliesTo: ['hall'],
  sections: [
    section('environment', '服务环境', 15, [
      conforms('premises-clean', '场所干净整洁', 4, { photo: 'on-fail' }),
      conforms('facilities-complete', '设施齐全：咨询台、叫号机、自助设备、填单台、休息椅、饮水机、老花镜、雨伞、药品箱', 5),
      conforms('screens-working', '显示屏正常运行', 3),
      conforms('zones-marked', '功能分区标识清晰', 3),
    ]),
    section('business-norms', '业务规范', 10, [
      conforms('rules-applied', '严格执行业务规定', 4),
      conforms('guides-laid-out', '办事指南摆放到位', 3),
      conforms('procedures-posted', '办事流程醒目公示', 3),
    ]),
    section('attitude', '服务态度', 20, [
      conforms('standard-flow', '服务流程规范', 4),
      conforms('warm-patient', '热情、耐心、细致', 4),
      conforms('civil-phrases', '使用文明用语', 4),
      conforms('clear-speech', '吐字清晰、语气亲切', 4),
      conforms('approachable', '举止大方、平易近人', 4),
    ]),
    section('efficiency', '服务效率', 15, [
      conforms('prompt-handling', '办件及时，不拖延、不推诿', 8),
      conforms('one-time-notice', '一次性告知所需材料', 7),
    ]),
    section('appearance', '仪容仪表', 10, [conforms('dress', '着装整洁规范', 5, { photo: 'on-fail' }), conforms('manner', '仪态端庄', 5)]),
    section('discipline', '工作纪律', 20, [
      conforms('attendance-discipline', '无迟到、早退、串岗、脱岗', 10),
      conforms('no-distractions', '工作时间不看电视、闲聊、吃东西、做买卖、玩游戏', 10),
    ]),
    section('complaints', '投诉监督', 10, [
      conforms('rating-in-place', '满意度评价设施到位', 3),
      conforms('suggestion-box', '意见箱正常使用', 2),
      conforms('prompt-feedback', '反馈及时', 2),
      conforms('complaints-resolved', '投诉问题得到解决', 3),
    ]),
  ],
};

export const callQualityTemplate: SeedTemplate = {
  templateKey: 'call-quality',
  name: '通话质量评分',
  description: 'Call quality: 16 items, 100 points, three levels each.',
  appliesTo: ['hotline'],
  sections: [
    section('norms', '服务规范', 20, [
      graded('opening-closing', '开头语、结束语', 8, 4),
      graded('clear-speech', '吐字清晰', 6, 3),
      graded('standard-phrasing', '用语规范', 6, 3),
    ]),
    section('manner', '服务态度', 20, [
      graded('pace', '语速适中', 5, 3),
      graded('tone', '语气语调', 5, 3),
      graded('patience', '耐心程度', 5, 3),
      graded('emotional-control', '情绪控制', 5, 3),
    ]),
    section('communication', '沟通技巧', 20, [
      graded('listening', '倾听能力', 5, 3),
      graded('expression', '表达能力', 5, 3),
      graded('responsiveness', '应变能力', 5, 3),
      graded('service-guidance', '服务引导', 5, 3),
    ]),
    section('competence', '业务能力', 20, [
      graded('professional-knowledge', '业务知识', 10, 5),
      graded('processing-speed', '处理速度', 5, 3),
      graded('independent-handling', '独立处理', 5, 3),
    ]),
    section('procedure', '操作规范', 20, [graded('call-reception', '来电受理', 10, 5), graded('operating-rules', '操作规范', 10, 5)]),
  ],
};

export const workOrderQualityTemplate: SeedTemplate = {
  templateKey: 'work-order-quality',
  name: '工单质量评分',
  description: 'Work-order quality: 100 points; a process not followed or a wrong responsible unit vetoes the whole score to 0.',
  appliesTo: ['hotline'],
  sections: [
    section('customer-info', '客户信息', 30, [graded('customer-info-accurate', '客户信息完整准确（姓名、电话、地址）', 30, 15)]),
    section('type-and-unit', '工单类型及承办单位', 30, [
      graded('order-type', '工单类型选择准确', 15, 8),
      graded('responsible-unit', '承办单位选择准确', 15, 8),
      passFail('unit-not-wrong', '否决项：承办单位无错派', 0, { critical: true, vetoScope: 'inspection' }),
    ]),
    section('content', '业务内容', 30, [graded('content-complete', '诉求记录完整、准确、简洁', 30, 15)]),
    section('other', '其他', 10, [
      graded('format', '格式规范、无错别字', 10, 5),
      passFail('process-followed', '否决项：流程执行到位（无漏派、存草稿、误撤销或误受理、回复与诉求不符）', 0, {
        critical: true,
        vetoScope: 'inspection',
      }),
    ]),
  ],
};

export const floorDisciplineTemplate: SeedTemplate = {
  templateKey: 'floor-discipline',
  name: '现场纪律检查',
  description: 'Floor discipline: pass / fail items.',
  appliesTo: ['hall', 'hotline'],
  sections: [
    section('discipline', '现场纪律', 100, [
      passFail('desk-tidy', '桌面整洁', 10, { photo: 'on-fail' }),
      passFail('uniform-badge', '着装规范、佩戴工牌', 15, { photo: 'on-fail' }),
      passFail('civil-language', '使用文明用语', 15),
      passFail('no-personal-activity', '无私人物品、无与工作无关的活动', 15),
      passFail('arrived-early', '提前10分钟到岗', 15),
      passFail('no-refusal', '无拒接来电、无隐瞒投诉', 15),
      passFail('confidentiality', '严守保密规定', 15),
    ]),
  ],
};

export const seedTemplates: readonly SeedTemplate[] = [
  windowSupervisionTemplate,
  callQualityTemplate,
  workOrderQualityTemplate,
  floorDisciplineTemplate,
];

/** A seed template as version 1 of an organisation-wide template document. */
export function seedTemplateDocument(
  seed: SeedTemplate,
  meta: { updatedAt: string; updatedBy: string; deviceId: string },
): TemplateDocumentInput {
  return {
    id: templateVersionId(seed.templateKey, 1),
    siteId: ORG_WIDE,
    ...meta,
    kind: 'inspection-template',
    templateKey: seed.templateKey,
    version: 1,
    name: seed.name,
    description: seed.description,
    appliesTo: seed.appliesTo,
    status: 'published',
    sections: seed.sections,
  };
}
