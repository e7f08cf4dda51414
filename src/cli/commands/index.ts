import type { Command } from '../command'

export interface CommandEntry {
  name: string
  /** One line for `layercanvas --help`. */
  summary: string
  /** Loaded only when the command runs, so `check` never pays for what `train` imports (tfjs). */
  load: () => Promise<{ default: Command }>
}

/** Every `layercanvas` subcommand: one line each. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'check',
    summary: 'Check a project: output shapes, parameter counts and problems',
    load: () => import('./check'),
  },
  {
    name: 'train',
    summary: 'Train a project on its dataset and evaluate it on the test split',
    load: () => import('./train'),
  },
  {
    name: 'export',
    summary: 'Export a project as tfjs, onnx, keras, pytorch or keras-file',
    load: () => import('./export'),
  },
  {
    name: 'load-weights',
    summary: 'Put weights trained by an exported train.py back into a project',
    load: () => import('./load-weights'),
  },
  { name: 'evaluate', summary: "Evaluate a project's weights on its test split", load: () => import('./evaluate') },
  { name: 'import', summary: 'Turn a TensorFlow.js / Keras model.json into a project', load: () => import('./import') },
  {
    name: 'sweep',
    summary: 'Train a project once per combination of settings and compare the runs',
    load: () => import('./sweep'),
  },
  { name: 'runs', summary: "List a project's recorded training runs", load: () => import('./runs') },
]
