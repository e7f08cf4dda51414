import type { ProjectDocument } from '../document/types'
import { nodeName } from './names'
import { fill, type Lang, type LocalText } from './text'

/**
 * Why a model does not fit its training task or data, and what to change: the sentences of the
 * trainer's `shapeMismatch` errors (src/core/training/tasks), in both languages. The error event
 * keeps the English `message` and `suggestion` and carries these as `text` for the UI.
 */
export const TRAINING_MESSAGES = {
  oneInputOneOutput: {
    en: 'This model has {inputs} input(s) and {outputs} output(s); training supports one of each.',
    'zh-CN': '这个模型有 {inputs} 个输入、{outputs} 个输出；训练只支持各一个。',
  },
  oneInputOneOutputFix: {
    en: 'Keep one Input layer and one output layer, or merge the branches before the output.',
    'zh-CN': '只保留一个输入层和一个输出层，或在输出之前把各分支合并起来。',
  },
  taskMismatch: {
    en: 'The project trains for {task}, but the dataset "{dataset}" is a {datasetTask} dataset.',
    'zh-CN': '项目的训练任务是 {task}，但数据集“{dataset}”是 {datasetTask} 数据集。',
  },
  taskMismatchFix: {
    en: 'Pick a {task} dataset or set the task to {datasetTask}.',
    'zh-CN': '请选择一个 {task} 数据集，或把任务改为 {datasetTask}。',
  },
  inputRank: {
    en: 'The Input layer takes shape {declared}, the data has {data}.',
    'zh-CN': '输入层的形状是 {declared}，而数据的形状是 {data}。',
  },
  inputRankFix: {
    en: 'Set the Input layer to the shape of the data.',
    'zh-CN': '请把输入层设为数据的形状。',
  },
  inputSize: {
    en: 'The Input layer takes {declared} ({size} values), but each sample of "{dataset}" has shape {data} ({dataSize} values).',
    'zh-CN': '输入层接收 {declared}（{size} 个数），但“{dataset}”的每个样本形状是 {data}（{dataSize} 个数）。',
  },
  setInputTo: {
    en: 'Set the Input layer to {data}.',
    'zh-CN': '请把输入层设为 {data}。',
  },
  classCount: {
    en: 'The output layer has {units} unit(s), but the dataset has {classes} classes.',
    'zh-CN': '输出层有 {units} 个单元，但数据集有 {classes} 个类别。',
  },
  classCountFix: {
    en: 'Give the last Dense layer {classes} units (with softmax).',
    'zh-CN': '请让最后的全连接层有 {classes} 个单元（配合 Softmax）。',
  },
  classCountFixBinary: {
    en: 'Give the last Dense layer {classes} units (with softmax), or 1 unit with sigmoid.',
    'zh-CN': '请让最后的全连接层有 {classes} 个单元（配合 Softmax），或者 1 个单元配合 Sigmoid。',
  },
  targetShape: {
    en: 'The output has shape {output}, but each target has shape {target}.',
    'zh-CN': '输出的形状是 {output}，但每个目标值的形状是 {target}。',
  },
  targetShapeFix: {
    en: 'Make the last layer output {size} value(s) with a linear activation.',
    'zh-CN': '请让最后一层输出 {size} 个数，并使用线性激活。',
  },
  autoencoderInOut: {
    en: 'An autoencoder has one Input and one output; this model has {inputs} and {outputs}.',
    'zh-CN': '自编码器只有一个输入和一个输出；这个模型有 {inputs} 个输入、{outputs} 个输出。',
  },
  autoencoderInOutFix: {
    en: 'Keep one Input and one last layer that rebuilds it.',
    'zh-CN': '只保留一个输入层，以及一个把输入重建出来的最后一层。',
  },
  autoencoderInput: {
    en: 'The Input takes {declared}, but each sample of "{dataset}" has shape {data}.',
    'zh-CN': '输入层接收 {declared}，但“{dataset}”的每个样本形状是 {data}。',
  },
  setTheInputTo: {
    en: 'Set the Input to {data}.',
    'zh-CN': '请把输入层设为 {data}。',
  },
  autoencoderOutput: {
    en: 'An autoencoder must give back its input: the output has shape {output}, the input {input}.',
    'zh-CN': '自编码器必须还原它的输入：输出的形状是 {output}，输入是 {input}。',
  },
  autoencoderOutputFix: {
    en: 'End with {size} values (e.g. a Dense with {size} units and a Reshape to {input}).',
    'zh-CN': '请以 {size} 个数结尾（例如一个 {size} 单元的全连接层，再 Reshape 成 {input}）。',
  },
  autoencoderTokens: {
    en: 'An autoencoder rebuilds numbers; this dataset holds token ids.',
    'zh-CN': '自编码器重建的是数值；这个数据集存的是词元 id。',
  },
  autoencoderTokensFix: {
    en: 'Pick an image or table dataset.',
    'zh-CN': '请选择图像或表格数据集。',
  },
  notText: {
    en: 'A language model learns from text, but "{dataset}" is not a text dataset.',
    'zh-CN': '语言模型从文本中学习，但“{dataset}”不是文本数据集。',
  },
  notTextFix: {
    en: 'Pick the names dataset or import a text file.',
    'zh-CN': '请选择名字数据集，或导入一个文本文件。',
  },
  vocabOutput: {
    en: 'The output must give one probability per character of the vocabulary ({vocab}), but it has shape {output}.',
    'zh-CN': '输出必须为词表中的每个字符（共 {vocab} 个）各给出一个概率，但它的形状是 {output}。',
  },
  vocabOutputFix: {
    en: 'End with a Dense layer of {vocab} units and a softmax.',
    'zh-CN': '请以一个 {vocab} 单元、使用 Softmax 的全连接层结尾。',
  },
  sampleInput: {
    en: 'The Input {node} takes {declared}, but each sample of "{dataset}" has shape {data}.',
    'zh-CN': '输入层 {node} 接收 {declared}，但“{dataset}”的每个样本形状是 {data}。',
  },
  setItTo: {
    en: 'Set it to {data}.',
    'zh-CN': '请把它设为 {data}。',
  },
  denoiserOutput: {
    en: 'The denoiser outputs {output}, but it must predict the noise of a whole sample: {input}.',
    'zh-CN': '去噪网络输出 {output}，但它必须预测整个样本的噪声：{input}。',
  },
  denoiserOutputFix: {
    en: 'End with a layer of shape {input} and a linear activation (e.g. a Conv2D with {channels} filter(s)).',
    'zh-CN': '请以一个形状为 {input}、使用线性激活的层结尾（例如 {channels} 个卷积核的 Conv2D）。',
  },
  discriminatorInput: {
    en: 'The Discriminator\'s Input {node} takes {declared}, but each sample of "{dataset}" has shape {data}.',
    'zh-CN': '判别器的输入层 {node} 接收 {declared}，但“{dataset}”的每个样本形状是 {data}。',
  },
  setThatInputTo: {
    en: 'Set that Input to {data}.',
    'zh-CN': '请把这个输入层设为 {data}。',
  },
  generatorSize: {
    en: 'The Generator makes {output} ({size} values), but a real sample has {data} ({dataSize} values).',
    'zh-CN': '生成器生成 {output}（{size} 个数），但真实样本是 {data}（{dataSize} 个数）。',
  },
  generatorSizeFix: {
    en: 'End the Generator with {dataSize} values (e.g. a Dense with {dataSize} units, then a Reshape to {data}).',
    'zh-CN': '请让生成器以 {dataSize} 个数结尾（例如一个 {dataSize} 单元的全连接层，再 Reshape 成 {data}）。',
  },
  discriminatorOutput: {
    en: 'The Discriminator must output one number (the probability that its input is real), but it outputs {output}.',
    'zh-CN': '判别器必须输出一个数（输入为真实样本的概率），但它输出的是 {output}。',
  },
  discriminatorOutputFix: {
    en: 'End the Discriminator with a Dense layer of 1 unit and a sigmoid activation.',
    'zh-CN': '请以一个 1 单元、使用 Sigmoid 激活的全连接层结束判别器。',
  },
  discriminatorActivation: {
    en: 'The Discriminator ends with a {activation} activation; it must output a probability between 0 and 1.',
    'zh-CN': '判别器最后使用的是 {activation} 激活；它必须输出 0 到 1 之间的概率。',
  },
  discriminatorActivationFix: {
    en: 'Set the activation of the Discriminator’s last layer to sigmoid.',
    'zh-CN': '请把判别器最后一层的激活函数设为 Sigmoid。',
  },
  needsDocument: {
    en: 'The {task} task needs the project document to find its parts (the Generator and Discriminator, or the Timestep input).',
    'zh-CN': '{task} 任务需要项目文档才能找到它的各部分（生成器和判别器，或时间步输入）。',
  },
  needsDocumentFix: {
    en: 'Train it from the project (the app and the CLI pass it).',
    'zh-CN': '请从项目开始训练（应用和命令行都会传入项目）。',
  },
  diffusionParts: {
    en: 'A diffusion denoiser takes two Inputs — the noisy sample and a Timestep (t) — and has one output; this model has {data} data Input(s), {time} Timestep input(s) and {outputs} output(s).',
    'zh-CN':
      '扩散去噪网络有两个输入——加噪样本和时间步 (t)——以及一个输出；这个模型有 {data} 个数据输入、{time} 个时间步输入和 {outputs} 个输出。',
  },
  diffusionPartsFix: {
    en: 'Use one Input of the data’s shape, one "Timestep (t)" input, and end with one layer of the data’s shape (the predicted noise).',
    'zh-CN': '请使用一个与数据形状相同的输入层、一个“时间步 (t)”输入，并以一个与数据形状相同的层（预测的噪声）结尾。',
  },
  ganFixedSizes: {
    en: 'The Generator’s output and the Discriminator’s Input need fixed sizes.',
    'zh-CN': '生成器的输出和判别器的输入都需要固定的尺寸。',
  },
  ganFixedSizesFix: {
    en: 'Give every Input a fixed shape.',
    'zh-CN': '请给每个输入层设定固定的形状。',
  },
  ganNoNoise: {
    en: 'A GAN’s Generator starts from a Noise (latent z) input, and none was found.',
    'zh-CN': 'GAN 的生成器从一个噪声（潜变量 z）输入开始，但没有找到它。',
  },
  ganManyNoises: {
    en: 'The Generator has more than one Noise input.',
    'zh-CN': '生成器有不止一个噪声输入。',
  },
  ganNoiseFix: {
    en: 'Start the Generator group with one "Noise (latent z)" node.',
    'zh-CN': '请让生成器分组以一个“噪声（潜变量 z）”节点开始。',
  },
  ganGeneratorOutputs: {
    en: 'The Generator (from {node}) must end in exactly one output, but it has {count}.',
    'zh-CN': '生成器（从 {node} 开始）必须恰好以一个输出结束，但它有 {count} 个。',
  },
  ganGeneratorOutputsFix: {
    en: 'Keep one last layer in the Generator.',
    'zh-CN': '请在生成器中只保留一个最后的层。',
  },
  ganNoRealInput: {
    en: 'The Discriminator needs its own Input (shaped like one real sample): the trainer feeds it real samples and the Generator’s fakes.',
    'zh-CN': '判别器需要自己的输入层（形状与一个真实样本相同）：训练器会把真实样本和生成器的假样本送进去。',
  },
  ganManyRealInputs: {
    en: 'The Discriminator has more than one Input.',
    'zh-CN': '判别器有不止一个输入层。',
  },
  ganRealInputFix: {
    en: 'Start the Discriminator group with one Input of the data’s shape, and do not wire the Generator into it: the trainer connects them.',
    'zh-CN': '请让判别器分组以一个与数据形状相同的输入层开始，不要把生成器连到它上面：训练器会负责连接。',
  },
  ganSeparateChains: {
    en: 'The Generator and the Discriminator must be two separate chains: the Discriminator’s Input → … → one output of 1 unit.',
    'zh-CN': '生成器和判别器必须是两条独立的链：判别器的输入 → … → 一个 1 单元的输出。',
  },
  ganSeparateChainsFix: {
    en: 'Remove the connections between the two groups; the trainer feeds the Generator’s samples to the Discriminator itself.',
    'zh-CN': '请删除两个分组之间的连线；训练器会自己把生成器的样本送给判别器。',
  },
  ganGeneratorOutside: {
    en: 'The Generator’s last layer is outside the Generator group.',
    'zh-CN': '生成器的最后一层不在生成器分组里。',
  },
  ganGeneratorOutsideFix: {
    en: 'Put every Generator layer in the Generator group.',
    'zh-CN': '请把生成器的每一层都放进生成器分组。',
  },
  ganDiscriminatorOutside: {
    en: 'The Discriminator’s last layer is outside the Discriminator group.',
    'zh-CN': '判别器的最后一层不在判别器分组里。',
  },
  ganDiscriminatorOutsideFix: {
    en: 'Put every Discriminator layer in the Discriminator group.',
    'zh-CN': '请把判别器的每一层都放进判别器分组。',
  },
} as const satisfies Record<string, LocalText>

export type TrainingMessageKey = keyof typeof TRAINING_MESSAGES

/** `[28, 28, 1]`: how the trainer's messages write a shape. */
export const shapeText = (shape: readonly (number | null)[]): string => `[${shape.join(', ')}]`

/** Fills a trainer message in both languages; values that are LocalText (layer labels) follow the language. */
export function trainingText(
  key: TrainingMessageKey,
  values: Record<string, string | number | LocalText> = {},
): LocalText {
  const one = (lang: Lang) =>
    fill(
      TRAINING_MESSAGES[key][lang],
      Object.fromEntries(Object.entries(values).map(([name, v]) => [name, typeof v === 'object' ? v[lang] : v])),
    )
  return { en: one('en'), 'zh-CN': one('zh-CN') }
}

/** How the trainer's messages name a layer: its name in quotes, else its id. */
export function trainingNodeLabel(doc: ProjectDocument, id: string): LocalText {
  const node = doc.nodes.find((n) => n.id === id)
  const en = node ? nodeName(doc, node, 'en') : undefined
  const zh = node ? nodeName(doc, node, 'zh-CN') : undefined
  return { en: `"${en ?? id}"`, 'zh-CN': `“${zh ?? id}”` }
}
