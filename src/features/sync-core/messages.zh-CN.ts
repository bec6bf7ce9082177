/**
 * Words of the client data layer shown in the shell (the sync badge's clock
 * warning). Not a screen of its own: the strings live here so the catalogs
 * and their tests see them (merged under `sync-core`).
 */
export default {
  clock: {
    fast: '本机时钟快了 {{offset}}',
    slow: '本机时钟慢了 {{offset}}',
    explain: '本机时间与服务器相差 {{offset}}，超过允许的 {{threshold}} 分钟。打卡等时间以服务器接收时间为准，请校准设备时间。',
    minutes: '{{minutes}} 分 {{seconds}} 秒',
    seconds: '{{seconds}} 秒',
  },
};
