import { z } from 'zod'
import { isReservedName, scanJsonValue } from '../document/limits'
import { parseProject, type ParseError } from '../document/parse'
import type { ProjectDocument } from '../document/types'
import { safeMessage, safeValue } from '../i18n/safe-text'
import { GUIDE_STEPS, type GuideStepId } from './steps'

/**
 * A lesson: a template, the workflow steps it walks through and, per step, what the learner
 * should look at, in English and Chinese. It may preset values in the document (addressed by
 * path, e.g. `training.epochs` or `nodes.hidden.params.units`), hide panels (as TensorFlow
 * Playground's teacher URLs do) and lock steps until the ones before are done.
 * The format is documented in docs/lessons.md; errors name the exact path, like projects'.
 */
export const LESSON_FORMAT = 'layercanvas-lesson'

/** Panels a lesson may hide; the app maps each id to its panel. */
export const HIDEABLE_PANELS = ['palette', 'inspector', 'activations', 'problems', 'minimap'] as const
export type HideablePanel = (typeof HIDEABLE_PANELS)[number]

const text = (max: number) =>
  z.object({ en: z.string().trim().min(1).max(max), 'zh-CN': z.string().trim().min(1).max(max) }).strict()

const lessonStepSchema = z
  .object({
    step: z.enum(GUIDE_STEPS),
    /** What to look at in this step, for this network. */
    text: text(1200),
    /** Opens only once every step before it in the lesson is done. */
    locked: z.boolean().default(false),
  })
  .strict()

const presetSchema = z
  .object({
    path: z.string().min(1).max(200),
    value: z.union([z.number().refine(Number.isFinite, 'expected a finite number'), z.string().max(200), z.boolean()]),
  })
  .strict()

export const lessonSchema = z
  .object({
    format: z.literal(LESSON_FORMAT),
    version: z.literal(1),
    /** The id of a bundled template (its file name without .json). */
    template: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'expected a template id such as "mlp-mnist"'),
    title: text(120),
    summary: text(600),
    steps: z.array(lessonStepSchema).min(1).max(GUIDE_STEPS.length),
    presets: z.array(presetSchema).max(50).default([]),
    hide: z.array(z.enum(HIDEABLE_PANELS)).max(HIDEABLE_PANELS.length).default([]),
  })
  .strict()

export type Lesson = z.infer<typeof lessonSchema>
export type LessonStep = Lesson['steps'][number]
export type LessonPreset = Lesson['presets'][number]

export type LessonParseResult = { ok: true; lesson: Lesson } | { ok: false; error: ParseError }

function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part)
  return out
}

const failure = (path: string, what: string): { ok: false; error: ParseError } => {
  const safePath = safeValue(path)
  return { ok: false, error: { path: safePath, message: safeMessage(safePath ? `${safePath}: ${what}` : what) } }
}

function zodMessage(issue: z.core.$ZodIssue): string {
  const message = issue.message.replace(/^Invalid input: /, '')
  return message.charAt(0).toLowerCase() + message.slice(1)
}

/**
 * Validates a lesson file's JSON. `templateIds`, when given, are the templates the host has:
 * a lesson naming another one is refused at `template`. Never throws.
 */
export function parseLesson(json: unknown, templateIds?: readonly string[]): LessonParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return failure('', 'not a LayerCanvas lesson: expected a JSON object')
  }
  const problem = scanJsonValue(json)
  if (problem) return failure(formatPath(problem.path), problem.message)
  if ((json as Record<string, unknown>).format !== LESSON_FORMAT) {
    const got = JSON.stringify((json as Record<string, unknown>).format) ?? 'nothing'
    return failure(
      'format',
      `not a LayerCanvas lesson: expected "${LESSON_FORMAT}", got ${got.length > 60 ? `${got.slice(0, 57)}…` : got}`,
    )
  }
  const parsed = lessonSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return failure(formatPath(issue.path), zodMessage(issue))
  }
  const lesson = parsed.data
  if (templateIds && !templateIds.includes(lesson.template)) {
    return failure('template', `no template with id ${JSON.stringify(lesson.template)}`)
  }
  // Steps follow the workflow's order, each at most once: the stepper is a path, not a list.
  let previous = -1
  for (const [i, entry] of lesson.steps.entries()) {
    const index = GUIDE_STEPS.indexOf(entry.step)
    if (index === previous) return failure(`steps[${i}].step`, `"${entry.step}" appears twice`)
    if (index < previous)
      return failure(`steps[${i}].step`, `"${entry.step}" comes before "${GUIDE_STEPS[previous]}" in the workflow`)
    previous = index
  }
  for (const [i, preset] of lesson.presets.entries()) {
    const bad = presetPathProblem(preset.path)
    if (bad) return failure(`presets[${i}].path`, bad)
  }
  return { ok: true, lesson }
}

export function parseLessonText(source: string, templateIds?: readonly string[]): LessonParseResult {
  if (source.trim() === '') return failure('', 'the file is empty')
  let json: unknown
  try {
    json = JSON.parse(source)
  } catch (error) {
    return failure('', `not valid JSON (${(error as Error).message})`)
  }
  return parseLesson(json, templateIds)
}

/** Paths a preset may set: the training settings, a layer's params, or the project's name. */
function presetPathProblem(path: string): string | null {
  const parts = path.split('.')
  if (parts.some((part) => part === '' || isReservedName(part))) return `"${path}" is not a settings path`
  if (parts[0] === 'training' && parts.length >= 2) return null
  if (parts[0] === 'nodes' && parts.length === 4 && parts[2] === 'params') return null
  if (path === 'name') return null
  return `"${path}" is not a path a lesson may set (training.…, nodes.<layer id>.params.<name> or name)`
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Sets one preset on a plain-JSON copy of the document; an error message when the path names nothing. */
function setPath(target: Record<string, unknown>, path: string, value: LessonPreset['value']): string | null {
  const parts = path.split('.')
  let here: Record<string, unknown> = target
  if (parts[0] === 'nodes') {
    const node = (target.nodes as unknown[]).find((n) => isRecord(n) && n.id === parts[1])
    if (!isRecord(node)) return `the template has no layer with id ${JSON.stringify(parts[1])}`
    const params = node.params
    if (!isRecord(params) || !Object.hasOwn(params, parts[3]))
      return `layer ${JSON.stringify(parts[1])} has no parameter ${JSON.stringify(parts[3])}`
    if (typeof params[parts[3]] !== typeof value)
      return `expected a ${typeof params[parts[3]]}, got ${JSON.stringify(value)}`
    params[parts[3]] = value
    return null
  }
  for (const part of parts.slice(0, -1)) {
    const next = here[part]
    if (!Object.hasOwn(here, part) || !isRecord(next)) return `the project has no setting "${path}"`
    here = next
  }
  const last = parts[parts.length - 1]
  if (!Object.hasOwn(here, last) || isRecord(here[last]) || Array.isArray(here[last]))
    return `the project has no setting "${path}"`
  if (typeof here[last] !== typeof value) return `expected a ${typeof here[last]}, got ${JSON.stringify(value)}`
  here[last] = value
  return null
}

export type PresetResult = { ok: true; document: ProjectDocument } | { ok: false; error: ParseError }

/**
 * The template's document with the lesson's presets set, validated as a whole project again
 * (a preset cannot make an invalid document): an error names the preset at fault.
 */
export function applyPresets(doc: ProjectDocument, presets: readonly LessonPreset[]): PresetResult {
  let current = doc
  for (const [i, preset] of presets.entries()) {
    const copy = JSON.parse(JSON.stringify(current)) as Record<string, unknown>
    const problem = setPath(copy, preset.path, preset.value)
    if (problem) return failure(`presets[${i}].path`, problem)
    const parsed = parseProject(copy)
    if (!parsed.ok) return failure(`presets[${i}].value`, parsed.error.message)
    current = parsed.document
  }
  return { ok: true, document: current }
}

/** The lesson's text for a step, or null when the lesson does not include it. */
export function lessonStep(lesson: Lesson | null, step: GuideStepId): LessonStep | null {
  return lesson?.steps.find((entry) => entry.step === step) ?? null
}

/** Is a lesson step locked now? Locked steps open once every earlier step of the lesson is done. */
export function isStepLocked(lesson: Lesson | null, step: GuideStepId, done: (step: GuideStepId) => boolean): boolean {
  const entry = lessonStep(lesson, step)
  if (!lesson || !entry?.locked) return false
  return lesson.steps.slice(0, lesson.steps.indexOf(entry)).some((earlier) => !done(earlier.step))
}
