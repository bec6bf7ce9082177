/**
 * Settings, storage durability and the guard on signing out or clearing the
 * device. The first keys repeat the shell's `settings` strings: a feature's
 * catalog replaces the shell's key of the same name.
 */
export default {
  title: '设置',
  device: '设备编号',
  user: '当前用户',
  signOutBlocked: '还有 {{count}} 条更改未同步，现在退出会丢失这些数据。请联网同步后再退出。',

  account: '账号与设备',
  storage: {
    heading: '本设备存储',
    protection: '数据保护',
    granted: '已开启：浏览器不会因空间紧张而自动清除本设备的数据。',
    'not-granted': '未开启：空间紧张时浏览器可能清除本设备的数据。请保持联网同步，必要时导出未同步的更改。',
    unsupported: '此浏览器不支持数据保护，请保持联网同步。',
    unknown: '正在检查…',
    ask: '申请数据保护',
    used: '已用空间',
    free: '可用空间',
    unavailable: '浏览器未提供',
    refresh: '刷新',
  },
  pending: {
    heading: '未同步的更改',
    none: '所有更改都已同步。',
    some_one: '{{count}} 条更改等待同步。',
    some_other: '{{count}} 条更改等待同步。',
    open: '打开同步中心',
  },
  clear: {
    heading: '清除本设备数据',
    intro: '删除本设备上此账号的全部本地数据并退出登录。服务器上的数据不受影响，下次登录时会重新下载。',
    button: '清除本设备数据',
    title: '清除本设备的数据？',
    body: '将删除本设备上“{{user}}”的本地数据库并退出登录。此操作无法撤销。',
    bodyExported: '仍有 {{count}} 条更改未同步，它们已导出到文件“{{file}}”。请保管好此文件，以便在任何设备上导入。',
    confirm: '清除并退出',
    working: '正在清除…',
    failed: '清除失败：{{message}}',
  },
  guard: {
    blocked_one: '还有 {{count}} 条更改未同步，现在退出会丢失它们。请联网等待同步完成，或先把它们导出到文件。',
    blocked_other: '还有 {{count}} 条更改未同步，现在退出会丢失它们。请联网等待同步完成，或先把它们导出到文件。',
    clearBlocked_one: '还有 {{count}} 条更改未同步，现在清除会丢失它们。请联网等待同步完成，或先把它们导出到文件。',
    clearBlocked_other: '还有 {{count}} 条更改未同步，现在清除会丢失它们。请联网等待同步完成，或先把它们导出到文件。',
    export: '导出到文件',
    exporting: '正在导出…',
    exportFailed: '导出失败：{{message}}',
    openSync: '打开同步中心',
    signOutTitle: '确认退出登录？',
    signOutBody: '仍有 {{count}} 条更改未同步，它们已导出到文件“{{file}}”。请保管好此文件：在本设备或其他设备登录后，可在同步中心导入并发送。',
    signOut: '退出登录',
  },
};
