import { execFileSync } from 'node:child_process'

/**
 * A Python 3 that imports `modules` (e.g. 'torch, numpy'): $LAYERCANVAS_PYTHON, then `python3`,
 * then Debian's /usr/bin/python3 (python3-torch installs there; a pyenv/venv `python3` may come
 * first on PATH). Null when there is none: the tests that run generated code then skip — except
 * where LAYERCANVAS_REQUIRE_PYTHON=1 (CI sets it, having installed Debian's packages), where a
 * missing one throws, so the test file fails instead of silently checking less.
 */
export function findPython(modules: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.LAYERCANVAS_PYTHON, 'python3', '/usr/bin/python3'].filter((c): c is string => !!c)
  for (const candidate of [...new Set(candidates)]) {
    try {
      execFileSync(candidate, ['-c', `import ${modules}`], { stdio: 'ignore', timeout: 60_000 })
      return candidate
    } catch {
      // try the next one
    }
  }
  if (env.LAYERCANVAS_REQUIRE_PYTHON === '1') {
    throw new Error(
      `LAYERCANVAS_REQUIRE_PYTHON=1 but no python3 imports ${modules} (tried ${candidates.join(', ')}); ` +
        "install Debian's python3-torch, python3-onnx and python3-h5py",
    )
  }
  return null
}

/** A tiny deterministic PRNG (mulberry32), so the weights and inputs are the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
