import { i18n } from '../i18n'

/** Strings of the refused-connection card (keys under `connection.`), added to the catalogue when the canvas loads. */
const en = {
  title: 'Cannot connect {{source}} → {{target}}',
  fixesIntro: 'Fix it:',
  noFix: 'No automatic fix for this one. Change a layer’s settings, or connect other layers.',
  insertFlatten: 'Insert Flatten (→ {{shape}})',
  insertReshape: 'Insert Reshape to {{shape}}',
  changeInput: 'Make {{input}} {{shape}}',
  close: 'Close',
}

const zhCN: typeof en = {
  title: '无法连接 {{source}} → {{target}}',
  fixesIntro: '修复方式：',
  noFix: '这个问题没有自动修复方式。请修改层的设置，或连接其他层。',
  insertFlatten: '插入展平层（→ {{shape}}）',
  insertReshape: '插入变形层，变为 {{shape}}',
  changeInput: '把 {{input}} 改为 {{shape}}',
  close: '关闭',
}

i18n.addResourceBundle('en', 'translation', { connection: en }, true, false)
i18n.addResourceBundle('zh-CN', 'translation', { connection: zhCN }, true, false)
