import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { TEMPLATE_FAMILIES } from '../../../src/core/document/families'
import { applyPresets, isStepLocked, parseLesson, parseLessonText, type Lesson } from '../../../src/core/guide/lesson'
import { GUIDE_STEPS } from '../../../src/core/guide/steps'
import { TEMPLATE_IDS, loadTemplate } from '../helpers'

/** Every bundled lesson (templates/lessons/*.json) is valid, and a broken one says exactly where. */

const LESSON_DIR = new URL('../../../templates/lessons/', import.meta.url)
const LESSON_FILES = readdirSync(LESSON_DIR)
  .filter((file) => file.endsWith('.json'))
  .sort()
const readLesson = (file: string): unknown => JSON.parse(readFileSync(new URL(file, LESSON_DIR), 'utf8'))

function bundled(file: string): Lesson {
  const result = parseLesson(readLesson(file), TEMPLATE_IDS)
  if (!result.ok) throw new Error(`${file}: ${result.error.message}`)
  return result.lesson
}

const valid = () => readLesson('mlp-mnist.json') as Record<string, unknown>

describe('bundled lessons', () => {
  it('one lesson for each family of the tutorial', () => {
    const families = LESSON_FILES.map((file) => loadTemplate(bundled(file).template).meta.family)
    for (const family of ['mlp', 'cnn', 'rnn', 'lstm-gru', 'transformer', 'gan', 'autoencoder', 'diffusion']) {
      expect(TEMPLATE_FAMILIES.map((f) => f.id)).toContain(family)
      expect(families, `a lesson for ${family}`).toContain(family)
    }
  })

  it.each(LESSON_FILES)(
    '%s: valid, named after its template, known steps with en + zh-CN text, presets apply',
    (file) => {
      const lesson = bundled(file)
      expect(`${lesson.template}.json`).toBe(file)
      for (const entry of lesson.steps) {
        expect(GUIDE_STEPS).toContain(entry.step)
        expect(entry.text.en.length).toBeGreaterThan(20)
        expect(entry.text['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
      }
      expect(lesson.title['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
      const applied = applyPresets(loadTemplate(lesson.template), lesson.presets)
      if (!applied.ok) throw new Error(`${file}: ${applied.error.message}`)
      for (const preset of lesson.presets) {
        const value = preset.path
          .split('.')
          .reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], applied.document)
        expect(value, preset.path).toEqual(preset.value)
      }
    },
  )

  it('the GAN lesson points at D(x) and D(G(z)) moving toward 0.5; diffusion at the step strip', () => {
    const gan = bundled('gan-mlp.json').steps.find((s) => s.step === 'train')!
    expect(gan.text.en).toMatch(/D\(x\).*D\(G\(z\)\).*0\.5/)
    expect(bundled('ddpm-mnist.json').steps.find((s) => s.step === 'train')!.text.en).toMatch(/step strip/)
    expect(
      bundled('lstm-names.json')
        .steps.map((s) => s.text.en)
        .join(' '),
    ).toMatch(/SimpleRNN/)
  })
})

describe('broken lessons: one error with the exact path', () => {
  const error = (json: unknown, templates: readonly string[] = TEMPLATE_IDS) => {
    const result = parseLesson(json, templates)
    if (result.ok) throw new Error('expected an error')
    return result.error
  }

  it('names the field that is wrong', () => {
    const lesson = valid()
    const steps = structuredClone(lesson.steps) as Record<string, unknown>[]
    steps[2] = { ...steps[2], step: 'celebrate' }
    const bad = error({ ...lesson, steps })
    expect(bad.path).toBe('steps[2].step')
    expect(bad.message).toMatch(/^steps\[2\]\.step: /)
    expect(bad.message).toMatch(/lossOptimizer/)

    const noChinese = structuredClone(lesson.steps) as { text: Record<string, string> }[]
    delete noChinese[1].text['zh-CN']
    expect(error({ ...lesson, steps: noChinese }).path).toBe('steps[1].text.zh-CN')
    expect(error({ ...lesson, hide: ['toolbar'] }).path).toBe('hide[0]')
    expect(error({ ...lesson, extra: 1 }).message).toMatch(/extra/)
    expect(error({ ...lesson, format: 'layercanvas' }).path).toBe('format')
    expect(error([]).path).toBe('')
  })

  it('refuses an unknown template, steps out of order or twice, and presets outside the settings', () => {
    const lesson = valid()
    expect(error({ ...lesson, template: 'mlp-cifar' }).message).toBe('template: no template with id "mlp-cifar"')
    const steps = lesson.steps as unknown[]
    expect(error({ ...lesson, steps: [steps[1], steps[0]] }).message).toMatch(
      /^steps\[1\]\.step: "data" comes before "split"/,
    )
    expect(error({ ...lesson, steps: [steps[0], steps[0]] }).message).toMatch(/^steps\[1\]\.step: "data" appears twice/)
    expect(error({ ...lesson, presets: [{ path: 'training.__proto__.x', value: 1 }] }).path).toBe('presets[0].path')
    expect(error({ ...lesson, presets: [{ path: 'edges', value: 1 }] }).path).toBe('presets[0].path')
    expect(error({ ...lesson, presets: [{ path: 'training.epochs', value: {} }] }).path).toBe('presets[0].value')
  })

  it('a preset that names nothing or breaks the project is reported at that preset', () => {
    const doc = loadTemplate('mlp-mnist')
    const at = (presets: Lesson['presets']) => {
      const result = applyPresets(doc, presets)
      if (result.ok) throw new Error('expected an error')
      return result.error.message
    }
    expect(
      at([
        { path: 'training.epochs', value: 2 },
        { path: 'training.epochz', value: 2 },
      ]),
    ).toBe('presets[1].path: the project has no setting "training.epochz"')
    expect(at([{ path: 'training.epochs', value: 'many' }])).toMatch(/^presets\[0\]\.path: expected a number/)
    expect(at([{ path: 'training.epochs', value: -3 }])).toMatch(/^presets\[0\]\.value: training\.epochs: /)
    expect(at([{ path: 'nodes.nothing.params.units', value: 3 }])).toMatch(/no layer with id "nothing"/)
    const ok = applyPresets(doc, [{ path: 'nodes.hidden.params.units', value: 32 }])
    expect(ok.ok && ok.document.nodes.find((n) => n.id === 'hidden')?.params.units).toBe(32)
  })

  it('text that is not JSON or empty', () => {
    const empty = parseLessonText('  ')
    const broken = parseLessonText('{"format": ')
    expect(!empty.ok && empty.error.message).toBe('the file is empty')
    expect(!broken.ok && broken.error.message).toMatch(/^not valid JSON/)
  })
})

describe('locks', () => {
  it('a locked step opens once every earlier lesson step is done; steps without a lock never wait', () => {
    const result = parseLesson({
      ...valid(),
      steps: [
        ...(valid().steps as object[]).slice(0, 4),
        { step: 'train', text: { en: 'Train now.', 'zh-CN': '现在训练。' }, locked: true },
      ],
    })
    if (!result.ok) throw new Error(result.error.message)
    const done = new Set<string>(['data', 'split', 'design'])
    expect(isStepLocked(result.lesson, 'train', (s) => done.has(s))).toBe(true)
    expect(isStepLocked(result.lesson, 'design', (s) => done.has(s))).toBe(false)
    done.add('lossOptimizer')
    expect(isStepLocked(result.lesson, 'train', (s) => done.has(s))).toBe(false)
    expect(isStepLocked(null, 'train', () => false)).toBe(false)
  })
})
