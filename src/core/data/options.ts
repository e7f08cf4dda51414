import { checkParam, type ParamSchema, type ParamValues } from '../params/schema'
import { dataFailure, localize, type DataResult } from './errors'

/**
 * Dataset options use the same param DSL as layer params: one declaration gives defaults,
 * validation with plain-language messages, and the Data panel's form.
 * Unknown option names are ignored (older or newer project files may carry them).
 */
export function readOptions<S extends ParamSchema>(
  schema: S,
  options: Record<string, unknown> = {},
): DataResult<{ values: ParamValues<S> }> {
  const values: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(schema)) {
    const value = options[name] === undefined ? spec.default : options[name]
    const problem = checkParam(spec, value)
    if (problem) return dataFailure('option', { option: name, problem: localize(problem.key, problem.values) })
    values[name] = value
  }
  return { ok: true, values: values as ParamValues<S> }
}

/** Defaults merged with the given options, for direct calls from code (no validation). */
export function withDefaults<S extends ParamSchema>(schema: S, options: Partial<ParamValues<S>> = {}): ParamValues<S> {
  const values: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(schema)) {
    const given = (options as Record<string, unknown>)[name]
    values[name] = given === undefined ? spec.default : given
  }
  return values as ParamValues<S>
}
