import { fill, pick, type Lang, type LocalText } from '../i18n/text'

/**
 * The rule for the weight file paths a model.json's weightsManifest names, shared by the app
 * (src/main/model-import.ts) and the command line (src/cli/commands/import.ts): a path is read
 * only when it names a file in the model's folder or below it. tfjs writes the paths URL-encoded
 * and relative (`group1-shard1of1.bin`); anything else — a URL, an absolute path, a `..` step, a
 * malformed `%` escape — is refused here, before the host touches the disk. Hosts then resolve
 * the path against the model's (real) folder and check the real path again, so a symbolic link
 * cannot lead out either.
 */

export type WeightPathProblem = 'notText' | 'malformedEscape' | 'url' | 'absolute' | 'parentFolder' | 'controlCharacter'

export type WeightPathCheck = { ok: true; path: string } | { ok: false; problem: WeightPathProblem }

/** Longest path accepted (far beyond any tfjs shard name; keeps messages and syscalls sane). */
const MAX_PATH_CHARS = 1024

/** The decoded relative path to read, or why the manifest entry is refused. */
export function checkWeightPath(entry: unknown): WeightPathCheck {
  if (typeof entry !== 'string' || entry === '' || entry.length > MAX_PATH_CHARS)
    return { ok: false, problem: 'notText' }
  let path: string
  try {
    path = decodeURIComponent(entry)
  } catch {
    return { ok: false, problem: 'malformedEscape' }
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(path)) return { ok: false, problem: 'controlCharacter' }
  if (/^[a-z]:[\\/]?/i.test(path) || /^[\\/]/.test(path)) return { ok: false, problem: 'absolute' }
  if (/^[a-z][a-z0-9+.-]*:/i.test(entry) || /^[a-z][a-z0-9+.-]*:/i.test(path)) return { ok: false, problem: 'url' }
  if (path.split(/[\\/]/).includes('..')) return { ok: false, problem: 'parentFolder' }
  return { ok: true, path }
}

const WEIGHT_PATH_MESSAGES: Record<WeightPathProblem | 'outside', LocalText> = {
  notText: {
    en: 'the weights manifest names a weight file {path} that is not a file name',
    'zh-CN': '权重清单中的权重文件 {path} 不是有效的文件名',
  },
  malformedEscape: {
    en: 'the weight file path {path} has a malformed % escape (tfjs writes paths URL-encoded, e.g. %20 for a space)',
    'zh-CN': '权重文件路径 {path} 中有格式错误的 % 转义（tfjs 以 URL 编码写路径，例如用 %20 表示空格）',
  },
  url: {
    en: 'the weight file {path} is a URL; LayerCanvas only reads weight files next to model.json',
    'zh-CN': '权重文件 {path} 是一个网址；LayerCanvas 只读取与 model.json 放在一起的权重文件',
  },
  absolute: {
    en: "the weight file {path} is an absolute path; LayerCanvas only reads weight files in the model's folder",
    'zh-CN': '权重文件 {path} 是绝对路径；LayerCanvas 只读取模型所在文件夹中的权重文件',
  },
  parentFolder: {
    en: "the weight file {path} is outside the model's folder (..); LayerCanvas only reads weight files in the model's folder",
    'zh-CN': '权重文件 {path} 位于模型所在文件夹之外（..）；LayerCanvas 只读取模型所在文件夹中的权重文件',
  },
  controlCharacter: {
    en: 'the weight file path {path} contains control characters',
    'zh-CN': '权重文件路径 {path} 中含有控制字符',
  },
  outside: {
    en: "the weight file {path} leads outside the model's folder (through a symbolic link); LayerCanvas only reads weight files in the model's folder",
    'zh-CN': '权重文件 {path} 通过符号链接指向模型所在文件夹之外；LayerCanvas 只读取模型所在文件夹中的权重文件',
  },
}

/** The sentence for a refused path, quoting the manifest entry as it was written. */
export function weightPathMessage(problem: WeightPathProblem | 'outside', entry: unknown, lang: Lang): string {
  const shown = typeof entry === 'string' ? `"${entry}"` : (JSON.stringify(entry) ?? String(entry))
  return fill(pick(WEIGHT_PATH_MESSAGES[problem], lang), { path: shown })
}
