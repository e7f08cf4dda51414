import { i18n } from '../i18n'

/**
 * Strings of the activations view for generated samples (keys under `generatedSample.`), added
 * to the app catalogue when the view loads. The "what am I looking at" sentences use the
 * tutorial's words: 生成器 (generator), 判别器 (discriminator), 噪声, 去噪, 特征图.
 */
const en = {
  generatedSample: {
    ganIntro:
      'The sample is a noise vector z. Every generator node shows what it makes of z, ending in the generated sample G(z); every discriminator node shows how it judges G(z), or a real sample, ending in the probability that it is real.',
    diffusionIntro:
      'The sample is a test image noised to step t with the project’s noise schedule. Every denoiser node shows its feature maps for (x_t, t); its output is the noise it thinks was added, and removing it gives its estimate of the clean image x̂₀.',
    newNoise: 'New z',
    newNoiseHint: 'Draw another noise vector',
    newDiffusionNoise: 'New noise',
    seed: 'noise seed {{seed}}',
    judged: 'The discriminator sees:',
    fake: 'the generated G(z)',
    real: 'a real sample',
    realProbability: 'D says: real with probability {{value}}',
    fakeTitle: 'G(z)',
    timestep: 'Timestep t = {{t}} of {{count}}',
    signal: '{{percent}} of the clean image is left in x_t',
    noisy: 'noisy x_t',
    predictedNoise: 'predicted noise ε̂',
    denoised: 'estimate x̂₀',
    clean: 'clean x₀',
  },
}

const zhCN: typeof en = {
  generatedSample: {
    ganIntro:
      '样本是一个噪声向量 z。每个生成器节点显示它把 z 变成了什么，最后得到生成的样本 G(z)；每个判别器节点显示它如何判断 G(z)（或一个真实样本），最后给出它是真实样本的概率。',
    diffusionIntro:
      '样本是一张测试图像，按项目的噪声调度加噪到第 t 步。每个去噪网络节点显示它对 (x_t, t) 的特征图；它的输出是它认为加上的噪声，减去这部分噪声就得到它对干净图像 x̂₀ 的估计。',
    newNoise: '新的 z',
    newNoiseHint: '重新抽取一个噪声向量',
    newDiffusionNoise: '新的噪声',
    seed: '噪声种子 {{seed}}',
    judged: '判别器看到的是：',
    fake: '生成的 G(z)',
    real: '一个真实样本',
    realProbability: '判别器认为它是真实样本的概率：{{value}}',
    fakeTitle: 'G(z)',
    timestep: '时间步 t = {{t}} / {{count}}',
    signal: 'x_t 中还保留干净图像的 {{percent}}',
    noisy: '加噪的 x_t',
    predictedNoise: '预测的噪声 ε̂',
    denoised: '估计的 x̂₀',
    clean: '干净的 x₀',
  },
}

let added = false

/** Adds the `generatedSample.*` strings to the app catalogue (idempotent). */
export function addGenerativeSampleStrings(): void {
  if (added) return
  added = true
  i18n.addResourceBundle('en', 'translation', en, true, false)
  i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false)
}

addGenerativeSampleStrings()
