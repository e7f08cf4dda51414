import { describe, expect, it } from 'vitest'
import { COMMAND_IDS, COMMANDS, getCommand } from '../../../src/shared/commands'

describe('the command table', () => {
  it('declares every command id exactly once, in id order', () => {
    expect(COMMANDS.map((command) => command.id)).toEqual([...COMMAND_IDS])
  })

  it('gives every command a label in both languages and a menu its id names', () => {
    for (const command of COMMANDS) {
      expect(command.label.en.trim(), command.id).not.toBe('')
      expect(command.label['zh-CN'].trim(), command.id).not.toBe('')
      expect(command.id.startsWith(`${command.menu}.`), command.id).toBe(true)
    }
  })

  it('never binds one accelerator to two commands', () => {
    const bound = COMMANDS.filter((command) => command.accelerator).map((command) => command.accelerator)
    expect(new Set(bound).size).toBe(bound.length)
  })

  it('finds a command by id and refuses an unknown one', () => {
    expect(getCommand('edit.undo')).toMatchObject({ accelerator: 'CmdOrCtrl+Z', menu: 'edit' })
    expect(() => getCommand('edit.nothing' as never)).toThrow(/Unknown command/)
  })
})
