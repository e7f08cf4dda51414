import type { AriaLabelConfig } from '@xyflow/react'
import type { TFunction } from 'i18next'

/** React Flow's screen-reader strings, from the UI catalogue (its defaults are English only). */
export function ariaLabels(t: TFunction): Partial<AriaLabelConfig> {
  return {
    'node.a11yDescription.default': t('aria.nodeDefault'),
    'node.a11yDescription.keyboardDisabled': t('aria.nodeKeyboardDisabled'),
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
      t('aria.nodeMoved', { direction: t(`aria.direction.${direction}`, { defaultValue: direction }), x, y }),
    'edge.a11yDescription.default': t('aria.edgeDefault'),
    'controls.ariaLabel': t('aria.controls'),
    'controls.zoomIn.ariaLabel': t('aria.zoomIn'),
    'controls.zoomOut.ariaLabel': t('aria.zoomOut'),
    'controls.fitView.ariaLabel': t('aria.fitView'),
    'controls.interactive.ariaLabel': t('aria.interactive'),
    'minimap.ariaLabel': t('aria.minimap'),
    'handle.ariaLabel': t('aria.handle'),
  }
}
