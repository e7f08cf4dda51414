import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { mdText, pyDocText, pyStr } from '../../../src/core/codegen/escape'
import { exportKeras } from '../../../src/core/export/keras-python'
import { onnxRunFiles } from '../../../src/core/export/onnx-files'
import { exportPyTorch } from '../../../src/core/export/pytorch-python'
import { exportTfjs } from '../../../src/core/export/tfjs'
import { loadTemplate } from '../helpers'
import { tfjs as tf } from '../tf'
import { findPython } from './python-helpers'

/**
 * User text in generated files goes through one escaping helper per language. A project name
 * like a Windows path used to make model.py a SyntaxError (`\U` starts a unicode escape in a
 * Python string) and a name with a line break could start a new Markdown block.
 */
const NASTY = [
  'C:\\Users\\me\\Desktop\\net',
  'say """hi""" and "bye"',
  'ends with a backslash \\',
  'ends with a quote "',
  'two\nlines\r\nand\ttab # not a heading',
  'nul \u0000 bell \u0007 del \u007f',
  'lone surrogate \ud800 and 😀 emoji, 中文',
  '*bold* _it_ `code` [link](x) <b>html</b> &amp; | pipe ~ # end #',
]

const python = findPython('ast')
const dir = mkdtempSync(join(tmpdir(), 'layercanvas-escape-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Python's own reading of each module (one process for all): its docstring; throws on a SyntaxError. */
function pythonDocstrings(sources: string[]): (string | null)[] {
  const files = sources.map((source, i) => {
    const file = join(dir, `module_${i}.py`)
    writeFileSync(file, source)
    return file
  })
  const script = [
    'import ast, json, sys',
    'trees = [ast.parse(open(f, encoding="utf-8").read(), filename=f) for f in sys.argv[1:]]',
    'print(json.dumps([ast.get_docstring(t, clean=False) for t in trees]))',
  ].join('\n')
  return JSON.parse(execFileSync(python!, ['-c', script, ...files], { encoding: 'utf8' })) as (string | null)[]
}

describe('escaping user text in generated code', () => {
  it.skipIf(!python)('pyDocText and pyStr give Python the same text back', () => {
    // Python reads a lone surrogate back as itself; JSON (for the answer) carries it too.
    const docstrings = pythonDocstrings(NASTY.map((name) => `"""${pyDocText(name)}"""\nx = ${pyStr(name)}\n`))
    expect(docstrings).toEqual(NASTY)
  })

  it.skipIf(!python)(
    'model.py and train.py parse for every name, and the docstring names the project as written',
    async () => {
      const base = loadTemplate('mlp-mnist')
      const sources: string[] = []
      const expected: string[] = []
      for (const name of NASTY) {
        const doc = { ...base, name }
        for (const [framework, exporter] of [
          ['PyTorch', exportPyTorch],
          ['Keras 3', exportKeras],
        ] as const) {
          const result = await exporter(tf, doc, { weights: false })
          expect(result.ok, `${framework}: ${name}`).toBe(true)
          if (!result.ok) continue
          sources.push(result.files['model.py'] as string, result.files['train.py'] as string)
          expected.push(`${name}: a ${framework} model`)
          const heading = (result.files['README.md'] as string).split('\n')[0]
          expect(heading).toBe(`# ${mdText(name)} — ${framework}`)
        }
      }
      const docstrings = pythonDocstrings(sources) // throws on any SyntaxError
      expected.forEach((start, i) => expect(docstrings[2 * i]?.startsWith(start), start).toBe(true))
    },
  )

  it('Markdown keeps a name on its heading line and shows formatting characters literally', () => {
    expect(mdText('two\nlines\r\n# x')).toBe('two lines  \\# x')
    expect(mdText('*a* _b_ `c` [d](e) <f> &g; |h| ~i~ \\')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> \\&g; \\|h\\| \\~i\\~ \\\\',
    )
    expect(mdText('LeNet-5 (MNIST) 中文 😀')).toBe('LeNet-5 (MNIST) 中文 😀')
  })

  it('the tfjs and ONNX READMEs escape the name; predict.mjs is valid JavaScript', async () => {
    const doc = { ...loadTemplate('mlp-mnist'), name: NASTY[4] }
    const result = await exportTfjs(tf, doc)
    expect(result.ok).toBe(true)
    if (result.ok) {
      expect((result.files['README.md'] as string).split('\n')[0]).toBe(`# ${mdText(NASTY[4])} — TensorFlow.js`)
      expect(JSON.parse(result.files['metadata.json'] as string).name).toBe(NASTY[4])
    }
    const files = onnxRunFiles(doc, {
      inputs: [{ nodeId: 'input', name: 'input', shape: ['N', 28, 28, 1], dtype: 'float32' }],
      outputs: [{ nodeId: 'output', name: 'output', shape: ['N', 10], dtype: 'float32' }],
      opset: 13,
    })
    expect(files['README.md'].split('\n')[0]).toBe(`# ${mdText(NASTY[4])} — ONNX`)
    const predict = join(dir, 'predict.mjs')
    writeFileSync(predict, files['predict.mjs'])
    execFileSync(process.execPath, ['--check', predict])
  })
})
