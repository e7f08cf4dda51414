import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useDocumentStore } from '../../app/document-store'
import { LiveChart, type LineSpec } from '../../charts/LiveChart'
import { formatMetric } from '../format'
import { useTraining } from '../training-store'
import { CLASS_COLOURS, imageDims, valueRange } from './draw'
import { useGenerative } from './store'
import { Block, Caption, ImageGrid, Scatter } from './views'
import { PreviewWhen, WaitingText } from './common'

/**
 * GAN: the generator's samples from a fixed noise batch (the same z every time, so the grid
 * shows what it learns), D loss and G loss, and D's mean verdict on real and generated samples.
 */
export function GanPanel() {
  const { t, i18n } = useTranslation()
  const grid = useGenerative((state) => state.imageGrid)
  const points = useGenerative((state) => state.points)
  const every = useDocumentStore((state) => state.doc.training.gan.sampleEvery)
  const last = useTraining((state) => state.last)
  const charts = useMemo(() => {
    void i18n.language
    const losses: LineSpec[] = [
      { key: 'dLoss', label: t('training.generative.gan.dLoss'), colour: 'accent' },
      { key: 'gLoss', label: t('training.generative.gan.gLoss'), colour: 'orange' },
    ]
    const verdicts: LineSpec[] = [
      { key: 'dReal', label: t('training.generative.gan.dReal'), colour: 'green' },
      { key: 'dFake', label: t('training.generative.gan.dFake'), colour: 'violet' },
    ]
    return { losses, verdicts }
  }, [t, i18n.language])

  const tiles = grid?.samples.images ?? null
  const dims = useMemo(
    () => (grid ? imageDims([grid.samples.height, grid.samples.width, grid.samples.channels]) : null),
    [grid],
  )
  const range = useMemo(() => (tiles ? valueRange(tiles) : ([0, 1] as [number, number])), [tiles])
  const columns = tiles ? Math.ceil(Math.sqrt(tiles.length)) : 4
  const scale = dims ? Math.max(1, Math.min(4, Math.floor(240 / Math.max(1, columns * (dims.width + 1))))) : 2
  const sets = useMemo(
    () =>
      points
        ? [
            {
              points: points.samples.real,
              dims: points.samples.dims,
              colour: CLASS_COLOURS[9],
              radius: 1.8,
              alpha: 0.55,
            },
            {
              points: points.samples.points,
              dims: points.samples.dims,
              colour: CLASS_COLOURS[1],
              radius: 2,
              alpha: 0.85,
            },
          ]
        : [],
    [points],
  )

  return (
    <div className="gen-panel gan" data-testid="gan-panel">
      <Block
        title={t('training.generative.gan.title')}
        help={t('training.generative.gan.help')}
        className="gen-preview"
      >
        {grid && tiles && dims ? (
          <>
            <ImageGrid
              tiles={tiles}
              dims={dims}
              columns={columns}
              range={range}
              scale={scale}
              testId="gan-samples"
              label={t('training.generative.gan.title')}
            />
            <Caption testId="gan-samples-at">
              <PreviewWhen preview={grid} />
            </Caption>
          </>
        ) : points ? (
          <>
            <Scatter
              sets={sets}
              width={200}
              height={180}
              label={t('training.generative.gan.title')}
              testId="gan-points"
            />
            <p className="gen-legend">
              <span className="gen-swatch" style={{ background: CLASS_COLOURS[9] }} />{' '}
              {t('training.generative.gan.real')}
              <span className="gen-swatch" style={{ background: CLASS_COLOURS[1] }} />{' '}
              {t('training.generative.gan.generated')}
            </p>
            <Caption testId="gan-samples-at">
              <PreviewWhen preview={points} />
            </Caption>
          </>
        ) : (
          <WaitingText every={every} />
        )}
      </Block>
      <div className="gen-side">
        <div className="gen-stats" data-testid="gan-stats">
          <Reading label={t('training.generative.gan.dLoss')} value={last?.dLoss} testId="gan-d-loss" />
          <Reading label={t('training.generative.gan.gLoss')} value={last?.gLoss} testId="gan-g-loss" />
          <Reading
            label={t('training.generative.gan.dReal')}
            value={last?.dReal}
            testId="gan-d-real"
            title={t('training.generative.gan.dRealHelp')}
          />
          <Reading
            label={t('training.generative.gan.dFake')}
            value={last?.dFake}
            testId="gan-d-fake"
            title={t('training.generative.gan.dFakeHelp')}
          />
        </div>
        <div className="gen-charts">
          <LiveChart
            title={t('training.generative.gan.lossChart')}
            lines={charts.losses}
            xTitle={t('training.chart.batches')}
            testId="chart-gan-loss"
            emptyText={t('training.chart.waiting')}
          />
          <LiveChart
            title={t('training.generative.gan.verdictChart')}
            lines={charts.verdicts}
            xTitle={t('training.chart.batches')}
            yMin={0}
            yMax={1}
            testId="chart-gan-verdict"
            emptyText={t('training.chart.waiting')}
          />
        </div>
      </div>
    </div>
  )
}

function Reading({
  label,
  value,
  testId,
  title,
}: {
  label: string
  value: number | undefined
  testId: string
  title?: string
}) {
  return (
    <div className="train-stat" title={title}>
      <span className="train-stat-label">{label}</span>
      <span
        className="train-stat-value"
        data-testid={testId}
        data-value={value !== undefined && Number.isFinite(value) ? String(value) : undefined}
      >
        {formatMetric(value)}
      </span>
    </div>
  )
}
