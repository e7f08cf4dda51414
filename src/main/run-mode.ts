/**
 * Development or production, decided once at start-up. Development behaviour — the Developer
 * Tools, and loading the renderer from the URL in ELECTRON_RENDERER_URL instead of the built
 * file — is switched on only by an explicit flag, LAYERCANVAS_DEV=1, which `npm run dev`
 * (scripts/dev.mjs) sets, and never in a packaged app. It is NOT inferred from how the app was
 * started: `npm start` (electron-vite preview) runs the built app unpackaged, and must behave
 * exactly like a release; otherwise a stray ELECTRON_RENDERER_URL in the environment would make
 * it load and trust any page.
 */

export const DEV_FLAG = 'LAYERCANVAS_DEV'

export interface RunMode {
  /** DevTools (menu and window), and the dev server when there is one. */
  isDev: boolean
  /** The Vite dev server's URL, in development only. */
  devServerUrl?: string
}

export function detectRunMode(options: {
  isPackaged: boolean
  env: Readonly<Record<string, string | undefined>>
}): RunMode {
  const isDev = !options.isPackaged && options.env[DEV_FLAG] === '1'
  const devServerUrl = isDev ? options.env['ELECTRON_RENDERER_URL'] || undefined : undefined
  return devServerUrl ? { isDev, devServerUrl } : { isDev }
}
