import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../cli-process'

/** `layercanvas export --lang zh-CN` and `check --lang zh-CN`: the real bin, in a child process. */
const temp = mkdtempSync(join(tmpdir(), 'layercanvas-lang-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

const cli = (args: string[]) => runCli(args)

describe('the command line in Chinese', () => {
  it('export --lang zh-CN: the problems in Chinese, naming the layers; nothing written', async () => {
    const out = join(temp, 'ddpm-keras-file')
    const run = await cli([
      'export',
      'templates/ddpm-mnist.json',
      '--format',
      'keras-file',
      '--out',
      out,
      '--lang',
      'zh-CN',
    ])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('无法导出为 keras-file：')
    expect(run.stderr).toMatch(/\[temb\] 时间步嵌入“temb”：.*\.keras 写入器/)
    expect(run.stderr).not.toMatch(/no Keras 3 built-in/)
    expect(existsSync(out)).toBe(false)
  })

  it('check --lang zh-CN: the project and layer names from the template’s Chinese texts', async () => {
    const run = await cli(['check', 'templates/gan-mlp.json', '--lang', 'zh-CN'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('"多层感知机 GAN（MNIST）"')
    expect(run.stdout).toContain('fake (假数字)')
  })
})
