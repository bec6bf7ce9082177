import type { Rng } from './prng';

/**
 * Realistic Chinese names with their pinyin initials for kiosk search. The
 * table holds only the characters the generator uses, so no pinyin library is
 * needed.
 */
const SURNAMES: readonly (readonly [string, string])[] = [
  ['王', 'w'], ['李', 'l'], ['张', 'z'], ['刘', 'l'], ['陈', 'c'], ['杨', 'y'], ['黄', 'h'], ['赵', 'z'],
  ['吴', 'w'], ['周', 'z'], ['徐', 'x'], ['孙', 's'], ['马', 'm'], ['朱', 'z'], ['胡', 'h'], ['郭', 'g'],
  ['何', 'h'], ['林', 'l'], ['高', 'g'], ['罗', 'l'], ['郑', 'z'], ['梁', 'l'], ['谢', 'x'], ['宋', 's'],
  ['唐', 't'], ['许', 'x'], ['韩', 'h'], ['冯', 'f'], ['邓', 'd'], ['曹', 'c'], ['彭', 'p'], ['曾', 'z'],
];

const GIVEN_FEMALE: readonly (readonly [string, string])[] = [
  ['丽', 'l'], ['娜', 'n'], ['静', 'j'], ['敏', 'm'], ['燕', 'y'], ['芳', 'f'], ['婷', 't'], ['雪', 'x'],
  ['琳', 'l'], ['颖', 'y'], ['慧', 'h'], ['倩', 'q'], ['洁', 'j'], ['玲', 'l'], ['佳', 'j'], ['欣', 'x'],
  ['怡', 'y'], ['梅', 'm'], ['晶', 'j'], ['萍', 'p'], ['秀', 'x'], ['霞', 'x'], ['红', 'h'], ['月', 'y'],
];

const GIVEN_MALE: readonly (readonly [string, string])[] = [
  ['伟', 'w'], ['强', 'q'], ['磊', 'l'], ['军', 'j'], ['勇', 'y'], ['杰', 'j'], ['涛', 't'], ['斌', 'b'],
  ['超', 'c'], ['明', 'm'], ['刚', 'g'], ['鹏', 'p'], ['浩', 'h'], ['宇', 'y'], ['俊', 'j'], ['峰', 'f'],
  ['辉', 'h'], ['健', 'j'], ['凯', 'k'], ['文', 'w'], ['波', 'b'], ['亮', 'l'], ['建', 'j'], ['华', 'h'],
];

/** Every character the generator can put in a name, with its pinyin initial. */
export const PINYIN_INITIALS: ReadonlyMap<string, string> = new Map([...SURNAMES, ...GIVEN_FEMALE, ...GIVEN_MALE]);

export type Gender = 'female' | 'male';

export function pinyinInitials(name: string): string {
  return [...name].map((ch) => PINYIN_INITIALS.get(ch) ?? '').join('');
}

export function randomName(rng: Rng, gender: Gender): string {
  const given = gender === 'female' ? GIVEN_FEMALE : GIVEN_MALE;
  const surname = rng.pick(SURNAMES)[0];
  const first = rng.pick(given)[0];
  if (rng.chance(0.35)) return surname + first;
  let second = rng.pick(given)[0];
  while (second === first) second = rng.pick(given)[0];
  return surname + first + second;
}

/** Administrative division codes (县级) of the places staff come from. */
const REGIONS = ['310101', '310104', '310115', '320102', '320582', '330106', '340104', '370102', '410105', '420106', '430104', '510107'];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The GB 11643 check character of the first 17 digits. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

/** A made-up 18-character ID number in the valid format (region, birth day, sequence with gender parity, check character). */
export function fakeIdNumber(rng: Rng, birthDay: string, gender: Gender): string {
  const seq = rng.int(0, 49) * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `${rng.pick(REGIONS)}${birthDay.replaceAll('-', '')}${String(rng.int(0, 9))}${String(seq).padStart(2, '0')}`;
  return first17 + idCheckCharacter(first17);
}

export function fakeMobile(rng: Rng): string {
  return `1${rng.pick(['38', '39', '58', '59', '86', '87', '36', '77'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}
