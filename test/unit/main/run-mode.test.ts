import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectRunMode } from '../../../src/main/run-mode'

const DEV_SERVER = 'http://localhost:5173/'

describe('run mode', () => {
  it.each([
    // [how it was started, isPackaged, environment, expected]
    [
      'npm run dev',
      false,
      { LAYERCANVAS_DEV: '1', ELECTRON_RENDERER_URL: DEV_SERVER },
      { isDev: true, devServerUrl: DEV_SERVER },
    ],
    ['npm start (electron-vite preview)', false, {}, { isDev: false }],
    [
      'npm start with a stray dev server URL',
      false,
      { ELECTRON_RENDERER_URL: 'https://evil.example/' },
      { isDev: false },
    ],
    [
      'a packaged app, even with the flag',
      true,
      { LAYERCANVAS_DEV: '1', ELECTRON_RENDERER_URL: DEV_SERVER },
      { isDev: false },
    ],
    ['a packaged app', true, {}, { isDev: false }],
    ['the flag without a dev server (built files, DevTools on)', false, { LAYERCANVAS_DEV: '1' }, { isDev: true }],
    [
      'the flag set to something else than 1',
      false,
      { LAYERCANVAS_DEV: 'true', ELECTRON_RENDERER_URL: DEV_SERVER },
      { isDev: false },
    ],
    ['the flag switched off', false, { LAYERCANVAS_DEV: '0', ELECTRON_RENDERER_URL: DEV_SERVER }, { isDev: false }],
    ['an empty dev server URL', false, { LAYERCANVAS_DEV: '1', ELECTRON_RENDERER_URL: '' }, { isDev: true }],
  ] as const)('%s', (_how, isPackaged, env, expected) => {
    expect(detectRunMode({ isPackaged, env })).toEqual(expected)
  })

  it('only `npm run dev` sets the flag; `npm start` runs the preview without it', () => {
    const root = join(import.meta.dirname, '../../..')
    const scripts = (
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts
    expect(scripts['dev']).toBe('node scripts/dev.mjs')
    expect(readFileSync(join(root, 'scripts/dev.mjs'), 'utf8')).toMatch(/LAYERCANVAS_DEV: '1'/)
    for (const [name, command] of Object.entries(scripts)) {
      if (name !== 'dev') expect(command, name).not.toMatch(/LAYERCANVAS_DEV|scripts\/dev\.mjs/)
    }
    expect(scripts['start']).toBe('electron-vite preview')
  })
})
