import type { ProjectDocument } from '../../document/types'
import type { PyTorchSnippet } from '../../layers/kind'
import { findGanParts } from '../../training/tasks/gan'
import { noiseSchedule } from '../../training/tasks/diffusion'
import { downstream } from '../../training/tasks/task'
import { pyValue } from './literal'
import type { GraphPlan } from './plan'

/**
 * What the generative loops of the PyTorch train.py need to know about the graph, as a Python
 * dict literal (`GENERATIVE = {...}`): which model input is the noise / the timestep / the data,
 * which output is the generator's / the discriminator's, which modules belong to which network,
 * and the task's settings (the diffusion schedule comes from the same noiseSchedule() the app
 * trains with, as numbers, so the script cannot drift from it). `None` for supervised tasks.
 */
export function generativeRolesPy(doc: ProjectDocument, plan: GraphPlan<PyTorchSnippet>): string {
  const t = doc.training
  const index = (list: string[], id: string) => list.indexOf(id)
  const modulesOf = (ids: Set<string>) => plan.nodes.filter((n) => ids.has(n.id) && n.snippet.module).map((n) => n.name)
  const kindOf = (id: string) => plan.byId.get(id)?.kind.id
  const shapeOf = (id: string) => plan.analysis.nodes[id]?.outputShape as number[]
  if (t.task === 'gan') {
    const parts = findGanParts({ document: doc, layerNames: {}, inputs: plan.inputs, outputs: plan.outputs })
    // The in-app trainer reports the same problem, in more words, when it is asked to train this graph.
    if ('message' in parts) return 'None  # not a GAN LayerCanvas can train: `layercanvas train` says why'
    const noise = doc.nodes.find((n) => n.id === parts.noise)
    return pyValue({
      task: 'gan',
      noise_input: index(plan.inputs, parts.noise),
      real_input: index(plan.inputs, parts.realInput),
      generator_output: index(plan.outputs, parts.generatorOutput),
      discriminator_output: index(plan.outputs, parts.discriminatorOutput),
      latent: shapeOf(parts.noise),
      uniform_noise: noise?.params.distribution === 'uniform',
      real_shape: shapeOf(parts.realInput),
      generator_modules: modulesOf(downstream(doc, parts.noise)),
      discriminator_modules: modulesOf(downstream(doc, parts.realInput)),
      d_steps: t.gan.dSteps,
      label_smoothing: t.gan.labelSmoothing,
      samples: t.gan.samples,
    })
  }
  if (t.task === 'diffusion') {
    const time = plan.inputs.filter((id) => kindOf(id) === 'timestepInput')
    const data = plan.inputs.filter((id) => kindOf(id) !== 'timestepInput')
    if (time.length !== 1 || data.length !== 1) return 'None  # a denoiser needs one data Input and one Timestep input'
    const schedule = noiseSchedule(t.diffusion)
    return pyValue({
      task: 'diffusion',
      data_input: index(plan.inputs, data[0]),
      time_input: index(plan.inputs, time[0]),
      data_shape: shapeOf(data[0]),
      timesteps: t.diffusion.timesteps,
      schedule: t.diffusion.schedule,
      betas: Array.from(schedule.betas),
      sampling_steps: t.diffusion.samplingSteps,
      samples: t.diffusion.samples,
    })
  }
  if (t.task === 'autoencoder') {
    return pyValue({ task: 'autoencoder', input_noise: t.autoencoder.inputNoise })
  }
  return 'None'
}
