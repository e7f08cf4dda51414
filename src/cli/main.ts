import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { quote } from '../core/i18n/safe-text'
import { CliError, EXIT, oneLine, type CliIO, type Command, type ParsedArgs } from './command'
import { COMMANDS } from './commands/index'
import { terminalIO } from './terminal'

const NAME = 'layercanvas'

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }
    return pkg.version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    `Usage: ${NAME} <command> [options]`,
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  -h, --help     show help (also after a command: layercanvas check --help)',
    '  -v, --version  print the version',
    '',
    'Exit codes: 0 ok, 1 the project has errors, 2 bad usage or unreadable project.',
    '',
  ].join('\n')
}

function synopsis(name: string, command: Command): string {
  const args = command.positionals.map((p) => (p.optional ? `[${p.name}]` : `<${p.name}>`))
  const opts = Object.entries(command.options).map(([key, o]) =>
    o.type === 'boolean' ? `[--${key}]` : `[--${key} ${o.valueName ?? '<value>'}]`,
  )
  return `Usage: ${NAME} ${[name, ...args, ...opts].join(' ')}`
}

function commandHelp(name: string, command: Command): string {
  const entries = Object.entries(command.options).map(([key, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${key}${o.type === 'string' ? ` ${o.valueName ?? '<value>'}` : ''}`
    return [flag, o.description]
  })
  entries.push(['-h, --help', 'show this help'])
  const width = Math.max(...entries.map(([flag]) => flag.length))
  return [
    synopsis(name, command),
    '',
    command.description,
    '',
    'Options:',
    ...entries.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
  ].join('\n')
}

/** node:util parseArgs with the command's option specs; every mistake becomes a one-line CliError. */
function parseCommandArgs(name: string, command: Command, argv: string[]): ParsedArgs | 'help' {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }> = {
    help: { type: 'boolean', short: 'h' },
  }
  for (const [key, o] of Object.entries(command.options))
    options[key] = o.short ? { type: o.type, short: o.short } : { type: o.type }
  for (const [key, o] of Object.entries(command.options))
    if (o.multiple) options[key] = { ...options[key], multiple: true }
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const message = (error as Error).message
    const option = /'(-[^' ]+)/.exec(message)?.[1]
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option)
      throw new CliError(`${name}: unknown option ${option} (see ${NAME} ${name} --help)`)
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option)
      throw new CliError(`${name}: option ${option} needs a value`)
    throw new CliError(`${name}: ${oneLine(message.split('. ')[0])}`)
  }
  if (parsed.values.help === true) return 'help'
  for (const [key, o] of Object.entries(command.options)) {
    const value = parsed.values[key]
    if (o.choices && typeof value === 'string' && !o.choices.includes(value)) {
      throw new CliError(`${name}: --${key} must be one of ${o.choices.join(', ')}, got ${quote(value)}`)
    }
  }
  const required = command.positionals.filter((p) => !p.optional).length
  if (parsed.positionals.length < required) {
    const missing = command.positionals[parsed.positionals.length].name
    throw new CliError(`${name}: missing <${missing}> (usage: ${synopsis(name, command).slice('Usage: '.length)})`)
  }
  if (parsed.positionals.length > command.positionals.length) {
    throw new CliError(`${name}: unexpected argument ${quote(parsed.positionals[command.positionals.length])}`)
  }
  return { values: parsed.values as ParsedArgs['values'], positionals: parsed.positionals }
}

export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  }
}

/**
 * Runs `layercanvas <argv…>` (argv without node and the script) and returns the exit code.
 * Never throws: every failure is one line on stderr.
 */
export async function main(argv: string[], rawIO: CliIO = processIO()): Promise<number> {
  // The one place output is made terminal-safe: every command writes through this.
  const io = terminalIO(rawIO)
  try {
    const [first, ...rest] = argv
    if (first === undefined) {
      io.err(usage())
      return EXIT.usage
    }
    if (first === '-h' || first === '--help' || first === 'help') {
      io.out(usage())
      return EXIT.ok
    }
    if (first === '-v' || first === '--version') {
      io.out(`${version()}\n`)
      return EXIT.ok
    }
    const entry = COMMANDS.find((c) => c.name === first)
    if (!entry) {
      io.err(`${NAME}: unknown command ${quote(first)}\n\n${usage()}`)
      return EXIT.usage
    }
    const command = (await entry.load()).default
    const args = parseCommandArgs(entry.name, command, rest)
    if (args === 'help') {
      io.out(commandHelp(entry.name, command))
      return EXIT.ok
    }
    return await command.run(args, io)
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`${NAME}: ${oneLine(error.message)}\n`)
      return error.exitCode
    }
    if (process.env.LAYERCANVAS_DEBUG) io.err(`${(error as Error)?.stack ?? String(error)}\n`)
    const message = oneLine(String((error as Error)?.message ?? error))
    io.err(`${NAME}: internal error: ${message} (set LAYERCANVAS_DEBUG=1 for details)\n`)
    return EXIT.internal
  }
}
