import { describe, expect, it } from 'vitest'
import { findPython } from './python-helpers'

// CI installs Debian's python3-torch/onnx/h5py and sets LAYERCANVAS_REQUIRE_PYTHON=1: a missing
// one must then fail the tests that need it, not skip them.
describe('findPython', () => {
  const missing = 'layercanvas_no_such_module_xyz'

  it('returns null for a missing module when Python is optional (the tests skip)', () => {
    expect(findPython(missing, { PATH: process.env.PATH })).toBeNull()
  })

  it('throws for a missing module when LAYERCANVAS_REQUIRE_PYTHON=1', () => {
    expect(() => findPython(missing, { PATH: process.env.PATH, LAYERCANVAS_REQUIRE_PYTHON: '1' })).toThrow(
      /LAYERCANVAS_REQUIRE_PYTHON=1 but no python3 imports layercanvas_no_such_module_xyz/,
    )
  })

  it('finds a module every python3 has, required or not', () => {
    expect(findPython('json', { PATH: process.env.PATH, LAYERCANVAS_REQUIRE_PYTHON: '1' })).not.toBeNull()
  })
})
