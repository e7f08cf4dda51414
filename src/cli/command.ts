import { capText, MAX_MESSAGE_CHARS, safeMessage } from '../core/i18n/safe-text'

/**
 * What a `layercanvas` subcommand looks like. Adding a command = one file in ./commands that
 * default-exports a Command, plus one line in ./commands/index.ts.
 */

/** Where a command writes, and the directory relative paths are resolved against. */
export interface CliIO {
  cwd: string
  out(text: string): void
  err(text: string): void
}

export interface OptionSpec {
  type: 'string' | 'boolean'
  short?: string
  /** One line for `--help`. */
  description: string
  /** Shown after the option in `--help`, e.g. `en|zh-CN`. */
  valueName?: string
  /** Allowed values of a string option; anything else is a usage error (exit 2). */
  choices?: readonly string[]
  /** A string option that may be given several times; its value is then a list. */
  multiple?: boolean
}

export interface PositionalSpec {
  name: string
  optional?: boolean
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>
  positionals: string[]
}

export interface Command {
  /** One or two sentences for `layercanvas <command> --help`. */
  description: string
  positionals: PositionalSpec[]
  options: Record<string, OptionSpec>
  /** Returns the exit code: 0 success, 1 the input has problems, 2 usage / unreadable input. */
  run(args: ParsedArgs, io: CliIO): Promise<number>
}

/** A failure shown as ONE line on stderr (`layercanvas: …`), never with a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, problems: 1, usage: 2, internal: 3 } as const

/**
 * Collapses any line breaks (e.g. from JSON.parse messages) so an error stays on one line;
 * other control characters become visible escapes and a runaway message is capped.
 */
export function oneLine(text: string): string {
  return safeMessage(
    capText(text, MAX_MESSAGE_CHARS)
      .replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ')
      .trim(),
  )
}
