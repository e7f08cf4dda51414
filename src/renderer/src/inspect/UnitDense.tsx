import { useTranslation } from 'react-i18next'
import type { DenseExplanation } from '../../../core/inspect/explain-unit'
import { formatValue } from './colour-scale'
import { chooseUnit } from './explain-store'
import { full, Picker, Sums } from './UnitParts'

/** One Dense unit: its inputs × weights (the largest terms, the rest summed), the bias and the activation. */
export function Dense({ unit }: { unit: DenseExplanation }) {
  const { t } = useTranslation()
  return (
    <section
      className="unit-section"
      data-testid="unit-dense"
      data-unit={unit.unit}
      data-pre={full(unit.preActivation)}
      data-output={full(unit.output)}
      data-bias={full(unit.bias)}
    >
      <Picker
        label={t('unitView.unit', { n: unit.unit + 1, total: unit.units })}
        value={unit.unit}
        total={unit.units}
        onChange={(n) => chooseUnit(n)}
      />
      <p className="unit-formula">y = f(Σ wᵢxᵢ + b)</p>
      <table className="unit-table">
        <thead>
          <tr>
            <th>{t('unitView.index')}</th>
            <th>{t('unitView.input')}</th>
            <th>{t('unitView.weight')}</th>
            <th>{t('unitView.product')}</th>
          </tr>
        </thead>
        <tbody>
          {unit.top.map((term) => (
            <tr
              key={term.index}
              data-testid="unit-term"
              data-index={term.index}
              data-x={full(term.x)}
              data-w={full(term.w)}
              data-product={full(term.product)}
            >
              <td>{term.index + 1}</td>
              <td>{formatValue(term.x)}</td>
              <td>{formatValue(term.w)}</td>
              <td className={term.product >= 0 ? 'unit-positive' : 'unit-negative'}>{formatValue(term.product)}</td>
            </tr>
          ))}
          {unit.restCount > 0 && (
            <tr data-testid="unit-rest" data-sum={full(unit.restSum)}>
              <td colSpan={3}>{t('unitView.rest', { count: unit.restCount })}</td>
              <td>{formatValue(unit.restSum)}</td>
            </tr>
          )}
        </tbody>
      </table>
      <Sums
        rows={[
          [t('unitView.sum'), unit.sum],
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
    </section>
  )
}
