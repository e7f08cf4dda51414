import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { SamplesPayload } from '../../../../core/training/events'
import { useDocumentStore } from '../../app/document-store'
import { CLASS_COLOURS, imageDims, valueRange } from './draw'
import { useGenerative } from './store'
import { Block, Caption, ImageGrid, Scatter } from './views'
import { PreviewWhen, WaitingText } from './common'

/**
 * Autoencoder: what went in next to what came out (and the clean target when it denoises),
 * and the codes of many samples as a 2-D map, coloured by class.
 */
export function AutoencoderPanel() {
  const { t } = useTranslation()
  const every = useDocumentStore((state) => state.doc.training.autoencoder.sampleEvery)
  const reconstructions = useGenerative((state) => state.reconstructions)
  const latent = useGenerative((state) => state.latent)
  return (
    <div className="gen-panel autoencoder" data-testid="ae-panel">
      <Block title={t('training.generative.ae.reconstructions')} help={t('training.generative.ae.reconstructionsHelp')}>
        {reconstructions ? (
          <>
            <Reconstructions pairs={reconstructions.samples.pairs} shape={reconstructions.samples.shape} />
            <Caption>
              <PreviewWhen preview={reconstructions} />
            </Caption>
          </>
        ) : (
          <WaitingText every={every} />
        )}
      </Block>
      {latent || reconstructions ? (
        <Block
          title={t('training.generative.ae.latent')}
          help={
            latent ? t(`training.generative.ae.latent_${latent.samples.method}`) : t('training.generative.ae.noEncoder')
          }
        >
          {latent ? <LatentMap latent={latent.samples} /> : null}
        </Block>
      ) : null}
    </div>
  )
}

function Reconstructions({
  pairs,
  shape,
}: {
  pairs: { input: Float32Array; output: Float32Array; target: Float32Array }[]
  shape: number[]
}) {
  const { t } = useTranslation()
  const dims = useMemo(() => imageDims(shape), [shape])
  const rows = useMemo(() => {
    const denoising = pairs.some((p) => p.input.some((v, i) => v !== p.target[i]))
    const list = [
      { key: 'input', label: t('training.generative.ae.input'), tiles: pairs.map((p) => p.input) },
      { key: 'output', label: t('training.generative.ae.output'), tiles: pairs.map((p) => p.output) },
    ]
    if (denoising)
      list.push({ key: 'target', label: t('training.generative.ae.target'), tiles: pairs.map((p) => p.target) })
    return list
  }, [pairs, t])
  // One brightness scale for inputs and outputs, so they compare.
  const range = useMemo(() => valueRange([...pairs.map((p) => p.target), ...pairs.map((p) => p.input)]), [pairs])
  const picture = dims.height > 1
  const scale = picture
    ? Math.max(1, Math.min(3, Math.floor(420 / Math.max(1, pairs.length * (dims.width + 1)))))
    : Math.max(2, Math.floor(240 / Math.max(1, dims.width)))
  return (
    <div className="gen-pairs" data-testid="ae-reconstructions" data-count={pairs.length}>
      {rows.map((row) => (
        <div className="gen-pair-row" key={row.key}>
          <span className="gen-row-label">{row.label}</span>
          {picture ? (
            <ImageGrid
              tiles={row.tiles}
              dims={dims}
              columns={row.tiles.length}
              range={range}
              scale={scale}
              label={row.label}
              testId={`ae-${row.key}`}
            />
          ) : (
            <ImageGrid
              tiles={row.tiles}
              dims={dims}
              columns={1}
              range={range}
              scale={scale}
              label={row.label}
              testId={`ae-${row.key}`}
              className="vectors"
            />
          )}
        </div>
      ))}
    </div>
  )
}

function LatentMap({ latent }: { latent: Extract<SamplesPayload, { kind: 'latent' }> }) {
  const { t } = useTranslation()
  const labels = latent.labels
  const sets = useMemo(
    () => [
      {
        points: latent.points,
        dims: 2,
        colour: labels ? (i: number) => CLASS_COLOURS[labels[i] % CLASS_COLOURS.length] : CLASS_COLOURS[0],
        radius: 2,
        alpha: 0.75,
      },
    ],
    [latent, labels],
  )
  const classes = labels
    ? latent.classNames
      ? latent.classNames.map((name, id) => ({ name, id }))
      : Array.from(new Set(Array.from(labels)))
          .sort((a, b) => a - b)
          .map((id) => ({ name: String(id), id }))
    : []
  return (
    <div className="gen-latent">
      <Scatter sets={sets} width={220} height={200} label={t('training.generative.ae.latent')} testId="ae-latent" />
      {classes.length > 0 && classes.length <= 20 ? (
        <ul className="gen-classes" aria-label={t('training.generative.ae.classes')}>
          {classes.map(({ name, id }) => (
            <li key={id}>
              <span className="gen-swatch" style={{ background: CLASS_COLOURS[id % CLASS_COLOURS.length] }} />
              {name}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
