import type { FeatureMessages } from '../../i18n/messages';

/**
 * Words of the client data layer shown in the shell (the sync badge's clock
 * warning). Not a screen of its own: the strings live here so the catalogs
 * and their tests see them (merged under `sync-core`).
 */
export const messages = {
  'zh-CN': {
    clock: {
      fast: '本机时钟快了 {{offset}}',
      slow: '本机时钟慢了 {{offset}}',
      explain: '本机时间与服务器相差 {{offset}}，超过允许的 {{threshold}} 分钟。打卡等时间以服务器接收时间为准，请校准设备时间。',
      minutes: '{{minutes}} 分 {{seconds}} 秒',
      seconds: '{{seconds}} 秒',
    },
  },
  en: {
    clock: {
      fast: 'Device clock {{offset}} fast',
      slow: 'Device clock {{offset}} slow',
      explain: "This device's clock is {{offset}} off the server's, more than the {{threshold}} minutes allowed. Times such as check-ins are judged by the server's receive time; please set the device's clock.",
      minutes: '{{minutes}} min {{seconds}} s',
      seconds: '{{seconds}} s',
    },
  },
} satisfies FeatureMessages;
