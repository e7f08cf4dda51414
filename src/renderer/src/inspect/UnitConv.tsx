import { useTranslation } from 'react-i18next'
import type { ConvExplanation } from '../../../core/inspect/explain-unit'
import { formatValue, scaleFor } from './colour-scale'
import { chooseUnit } from './explain-store'
import { full, Heat, Picker, Sums } from './UnitParts'

/**
 * One convolution output (a filter at one position, or one time step of a 1-D convolution): the
 * window over each input channel, the kernel, their products and sums, and the filter's feature map.
 */
export function Conv({ unit }: { unit: ConvExplanation }) {
  const { t } = useTranslation()
  const { input, kernel } = unit
  const inputScale = scaleFor(Math.min(0, ...input.values), Math.max(0, ...input.values))
  const kernelScale = scaleFor(Math.min(0, ...kernel.values), Math.max(0, ...kernel.values))
  const box = {
    top: unit.row * unit.strides[0] - unit.padTop,
    left: unit.col * unit.strides[1] - unit.padLeft,
    height: (kernel.height - 1) * unit.dilation[0] + 1,
    width: (kernel.width - 1) * unit.dilation[1] + 1,
  }
  const hw = input.height * input.width
  const kk = kernel.height * kernel.width
  const step = (delta: number) => {
    const at = Math.min(Math.max(0, unit.row * unit.outWidth + unit.col + delta), unit.outHeight * unit.outWidth - 1)
    chooseUnit(unit.filter, { row: Math.floor(at / unit.outWidth), col: at % unit.outWidth })
  }
  const small = kk <= 49
  const outScale = scaleFor(Math.min(...unit.outputMap), Math.max(...unit.outputMap))
  return (
    <section
      className="unit-section"
      data-testid="unit-conv"
      data-axis={unit.axis}
      data-filter={unit.filter}
      data-row={unit.row}
      data-col={unit.col}
      data-pre={full(unit.preActivation)}
      data-output={full(unit.output)}
      data-bias={full(unit.bias)}
    >
      <Picker
        label={t('unitView.filter', { n: unit.filter + 1, total: unit.filters })}
        value={unit.filter}
        total={unit.filters}
        onChange={(n) => chooseUnit(n)}
      />
      <div className="unit-picker">
        <button
          type="button"
          className="button"
          data-testid="unit-step-back"
          onClick={() => step(-1)}
          aria-label={t('unitView.previousPosition')}
        >
          ‹
        </button>
        <span data-testid="unit-position">
          {unit.axis === 'time'
            ? t('unitView.timeStep', { step: unit.col + 1, steps: unit.outWidth })
            : t('unitView.position', {
                row: unit.row + 1,
                col: unit.col + 1,
                rows: unit.outHeight,
                cols: unit.outWidth,
              })}
        </span>
        <button
          type="button"
          className="button"
          data-testid="unit-step"
          onClick={() => step(1)}
          aria-label={t('unitView.nextPosition')}
        >
          ›
        </button>
      </div>
      <p className="activation-caption">{t('unitView.inputChannels')}</p>
      {input.shownChannels < input.channels && (
        <p className="activation-caption">
          {t('unitView.moreChannels', { shown: input.shownChannels, total: input.channels })}
        </p>
      )}
      <div className="unit-channels">
        {Array.from({ length: input.shownChannels }, (_, c) => (
          <figure key={c} className="unit-channel" data-testid="unit-channel" data-sum={full(unit.channelSums[c])}>
            <Heat
              values={input.values}
              offset={c * hw}
              rows={input.height}
              cols={input.width}
              size={unit.axis === 'time' ? 224 : 112}
              scale={inputScale}
              box={box}
            />
            <Heat
              values={kernel.values}
              offset={c * kk}
              rows={kernel.height}
              cols={kernel.width}
              size={56}
              scale={kernelScale}
            />
            {small ? (
              <table className="unit-products" data-testid="unit-products">
                <tbody>
                  {Array.from({ length: kernel.height }, (_, i) => (
                    <tr key={i}>
                      {Array.from({ length: kernel.width }, (_, j) => {
                        const value = unit.products[c * kk + i * kernel.width + j]
                        return (
                          <td key={j} data-value={full(value)}>
                            {formatValue(value)}
                          </td>
                        )
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : (
              <Heat
                values={unit.products}
                offset={c * kk}
                rows={kernel.height}
                cols={kernel.width}
                size={56}
                scale={scaleFor(-1, 1)}
              />
            )}
            <figcaption>
              {t('unitView.channel', { n: c + 1 })} · {t('unitView.channelSum', { n: c + 1 })} ={' '}
              {formatValue(unit.channelSums[c])}
            </figcaption>
          </figure>
        ))}
      </div>
      <Sums
        rows={[
          ['Σ', unit.channelSums.reduce((a, b) => a + b, 0)],
          [t('unitView.bias'), unit.bias],
          [t('unitView.pre'), unit.preActivation],
        ]}
      />
      <p className="unit-result">
        <span>{t('unitView.activation', { name: unit.activation })}</span>
        <strong data-testid="unit-output">
          {t('unitView.output')}: {formatValue(unit.output)}
        </strong>
      </p>
      <p className="activation-caption">{t('unitView.outputMap')}</p>
      <Heat
        values={unit.outputMap}
        rows={unit.outHeight}
        cols={unit.outWidth}
        size={196}
        scale={outScale}
        box={{ top: unit.row, left: unit.col, height: 1, width: 1 }}
        onPick={(row, col) => chooseUnit(unit.filter, { row, col })}
        testId="unit-output-map"
      />
    </section>
  )
}
