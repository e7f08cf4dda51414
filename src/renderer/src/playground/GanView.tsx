import { useCallback, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { GAN_LEARNERS } from '../../../core/training/tasks/gan'
import { discriminatorPixels, drawArrows, drawPoints, FAKE_RGB, REAL_RGB } from './draw-plane'
import { HeatCanvas } from './HeatCanvas'
import type { PlaneReading } from './plane-store'
import { setLearner, usePlane } from './plane-store'

type GanReading = Extract<PlaneReading, { view: 'gan' }>

const SIZE = 260
const css = (rgb: readonly number[]) => `rgb(${rgb.join(',')})`

/**
 * GAN Lab's picture of the learner's 2-D GAN: the discriminator's D(x) as the background, real
 * points (green), the generator's fakes (purple) with its gradient arrows, which network the
 * steps train, and how many of the real modes the fakes cover (mode collapse in words).
 */
export function GanView({ reading }: { reading: GanReading }) {
  const { t } = useTranslation()
  const learner = usePlane((s) => s.learner)
  const { gan, real, coverage, sequence } = reading
  const pixels = useMemo(() => discriminatorPixels(gan.discriminator), [gan])
  const overlay = useCallback(
    (ctx: CanvasRenderingContext2D) => {
      drawPoints(ctx, gan.area, real, () => css(REAL_RGB), 2.5)
      drawPoints(ctx, gan.area, gan.fakes, () => css(FAKE_RGB), 2.5)
      drawArrows(ctx, gan.area, gan.fakes, gan.gradients)
    },
    [gan, real],
  )
  const collapsed = coverage.modes > 1 && coverage.covered <= coverage.modes / 2
  return (
    <div className="plane-gan">
      <div className="plane-segmented" role="group" aria-label={t('plane.learnerLabel')}>
        <span className="plane-segmented-label">{t('plane.learnerLabel')}</span>
        {GAN_LEARNERS.map((option) => (
          <button
            key={option}
            type="button"
            className={`button${learner === option ? ' on' : ''}`}
            aria-pressed={learner === option}
            data-testid={`plane-learner-${option}`}
            title={t(`plane.learnerHint.${option}`)}
            onClick={() => setLearner(option)}
          >
            {t(`plane.learner.${option}`)}
          </button>
        ))}
      </div>
      <HeatCanvas
        pixels={pixels}
        resolution={gan.area.resolution}
        size={SIZE}
        overlay={overlay}
        sequence={sequence}
        testId="plane-gan"
        label={t('plane.legendD')}
      />
      <div className="plane-legend">
        <span className="plane-legend-item">
          <span className="plane-swatch" style={{ background: css(REAL_RGB) }} />
          {t('plane.legendReal')}
        </span>
        <span className="plane-legend-item">
          <span className="plane-swatch" style={{ background: css(FAKE_RGB) }} />
          {t('plane.legendFake')}
        </span>
        <span className="plane-legend-item">
          <span className="plane-gradient" />
          {t('plane.legendD')}
        </span>
      </div>
      <p
        className="plane-coverage"
        data-testid="plane-coverage"
        data-covered={coverage.covered}
        data-modes={coverage.modes}
      >
        {t('plane.coverage', { covered: coverage.covered, modes: coverage.modes })}
      </p>
      {collapsed && (
        <p className="plane-collapse" data-testid="plane-collapse" role="status">
          {t('plane.collapse', { covered: coverage.covered, modes: coverage.modes })}
        </p>
      )}
      {coverage.stray > coverage.perMode.reduce((a, b) => a + b, 0) && (
        <p className="plane-note">{t('plane.stray', { count: coverage.stray })}</p>
      )}
    </div>
  )
}
