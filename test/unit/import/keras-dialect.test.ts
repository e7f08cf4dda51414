import { describe, expect, it } from 'vitest'
import { importLayersModel } from '../../../src/core/import/tfjs-model'

/**
 * "hard_sigmoid" means clip(0.2·x + 0.5, 0, 1) to tfjs and Keras 2 but relu6(x + 3) / 6 to Keras 3,
 * and a missing recurrent_activation is hard sigmoid in the first two, sigmoid in Keras 3. The
 * importer reads the name as the file's writer meant it.
 */

function functional(recurrent: Record<string, unknown>, className = 'LSTM') {
  return {
    class_name: 'Model',
    config: {
      name: 'm',
      layers: [
        { class_name: 'InputLayer', name: 'x', config: { name: 'x', batch_input_shape: [null, 5, 3] } },
        {
          class_name: className,
          name: 'y',
          config: { name: 'y', units: 4, ...recurrent },
          inbound_nodes: [[['x', 0, 0, {}]]],
        },
      ],
      input_layers: [['x', 0, 0]],
      output_layers: [['y', 0, 0]],
    },
  }
}

/** Keras 3's config.json: `module` beside the class name (what .keras files hold). */
const keras3 = (recurrent: Record<string, unknown>, className?: string) => ({
  module: 'keras',
  registered_name: 'Functional',
  ...functional(recurrent, className),
})

const gateOf = (result: ReturnType<typeof importLayersModel>) =>
  result.ok ? result.document.nodes.find((n) => n.id !== 'x' && n.kind !== 'input')?.params.recurrentActivation : null

describe('recurrent gates by the writer of the file', () => {
  it('tfjs model.json and Keras 2: hard_sigmoid kept, also when not written (their default)', () => {
    expect(gateOf(importLayersModel(functional({ recurrent_activation: 'hard_sigmoid' })))).toBe('hard_sigmoid')
    expect(gateOf(importLayersModel(functional({}, 'GRU')))).toBe('hard_sigmoid')
    const tfjsJson = { modelTopology: { keras_version: 'tfjs-layers 4.22.0', ...functional({}) } }
    expect(gateOf(importLayersModel(tfjsJson))).toBe('hard_sigmoid')
    const keras2 = { modelTopology: { keras_version: '2.15.0', model_config: functional({}) } }
    expect(gateOf(importLayersModel(keras2))).toBe('hard_sigmoid')
    expect(gateOf(importLayersModel(functional({ recurrent_activation: 'sigmoid' })))).toBe('sigmoid')
  })

  it('Keras 3: a missing recurrent_activation is sigmoid, its own hard_sigmoid is refused with the reason', () => {
    expect(gateOf(importLayersModel(keras3({}, 'GRU')))).toBe('sigmoid')
    const refused = importLayersModel(keras3({ recurrent_activation: 'hard_sigmoid' }))
    expect(refused.ok).toBe(false)
    expect(refused.unmapped[0]).toMatchObject({ layerName: 'y', className: 'LSTM' })
    expect(refused.unmapped[0].reason).toMatch(/Keras 3's relu6\(x \+ 3\) \/ 6/)
    // A converter's model.json from Keras 3 says so in keras_version.
    const converted = { modelTopology: { keras_version: '3.3.3', model_config: functional({}) } }
    expect(gateOf(importLayersModel(converted))).toBe('sigmoid')
  })

  it("a bidirectional wrapper keeps its layer's gates; other gate functions are refused", () => {
    const bi = importLayersModel(
      functional(
        {
          layer: { class_name: 'GRU', config: { name: 'g', units: 3, recurrent_activation: 'hard_sigmoid' } },
          merge_mode: 'concat',
        },
        'Bidirectional',
      ),
    )
    expect(bi.ok && bi.document.nodes.find((n) => n.kind === 'bidirectional')?.params).toMatchObject({
      cell: 'gru',
      recurrentActivation: 'hard_sigmoid',
    })
    const tanh = importLayersModel(functional({ recurrent_activation: 'tanh' }))
    expect(!tanh.ok && tanh.unmapped[0].reason).toMatch(/recurrent_activation "tanh" \(sigmoid or hard_sigmoid\)/)
  })
})
