import { useTranslation } from 'react-i18next'
import type { LossExplanation, SoftmaxExplanation } from '../../../core/inspect/explain-unit'
import { formatValue } from './colour-scale'
import { full } from './UnitParts'

// The end of the network in the unit view: softmax from the real logits, then this sample's loss.

export function Softmax({ softmax, classNames }: { softmax: SoftmaxExplanation; classNames: string[] | null }) {
  const { t } = useTranslation()
  return (
    <section className="unit-section" data-testid="unit-softmax" data-check={full(softmax.check)}>
      <h3>Softmax</h3>
      <p className="dialog-intro">{t('unitView.intro.softmax')}</p>
      <p className="activation-caption">{t(`unitView.logitsFrom.${softmax.logitsFrom}`)}</p>
      <p className="unit-formula">pᵢ = exp(zᵢ) / Σⱼ exp(zⱼ)</p>
      <table className="unit-table">
        <thead>
          <tr>
            <th />
            <th>{t('unitView.logit')}</th>
            <th>{t('unitView.exp')}</th>
            <th>{t('unitView.probability')}</th>
          </tr>
        </thead>
        <tbody>
          {softmax.logits.map((z, i) => (
            <tr
              key={i}
              data-testid="unit-class"
              data-logit={full(z)}
              data-exp={full(softmax.exp[i])}
              data-probability={full(softmax.probabilities[i])}
            >
              <td>{classNames?.[i] ?? i}</td>
              <td>{formatValue(z)}</td>
              <td>{formatValue(softmax.exp[i])}</td>
              <td>
                <span className="unit-bar" style={{ width: `${Math.round(softmax.probabilities[i] * 100)}%` }} />
                {formatValue(softmax.probabilities[i])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="activation-caption">
        {t('unitView.expSum', { sum: formatValue(softmax.expSum) })} ·{' '}
        {t('unitView.check', { value: formatValue(Math.max(softmax.check, 1e-9)) })}
      </p>
    </section>
  )
}

export function Loss({ loss, classNames }: { loss: LossExplanation; classNames: string[] | null }) {
  const { t } = useTranslation()
  const label =
    loss.label !== null ? (classNames?.[loss.label] ?? String(loss.label)) : loss.target.map(formatValue).join(', ')
  return (
    <section
      className="unit-section"
      data-testid="unit-loss"
      data-cross-entropy={loss.crossEntropy === null ? '' : full(loss.crossEntropy)}
      data-mse={full(loss.meanSquaredError)}
    >
      <h3>{t('unitView.lossTitle')}</h3>
      <p className="dialog-intro">{t('unitView.intro.loss')}</p>
      <p className="activation-caption">
        {loss.label !== null ? t('unitView.label') : t('unitView.target')}: {label}
      </p>
      <div className="unit-losses">
        <div>
          <span>{t('unitView.crossEntropy')}</span>
          <strong>
            {loss.crossEntropy === null ? t('unitView.notProbabilities') : formatValue(loss.crossEntropy)}
          </strong>
        </div>
        <div>
          <span>{t('unitView.meanSquaredError')}</span>
          <strong>{formatValue(loss.meanSquaredError)}</strong>
        </div>
      </div>
    </section>
  )
}
