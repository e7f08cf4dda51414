import { describe, expect, it } from 'vitest'
import { csvDataset, describeCsvColumns } from '../../../src/core/data/csv'

const IRIS_LIKE = `sepal_length,petal_width,colour,species
5.1,0.2,red,setosa
4.9,0.2,blue,setosa
6.3,1.8,red,virginica
5.8,1.2,green,versicolor
`

function failure(text: string, options: Parameters<typeof csvDataset>[1]) {
  const result = csvDataset(text, options)
  if (result.ok) throw new Error('expected an error')
  return result
}

describe('csvDataset', () => {
  it('keeps numeric columns, one-hot encodes text columns, classifies a text target', () => {
    const result = csvDataset(IRIS_LIKE, { target: 'species', name: 'flowers.csv' })
    if (!result.ok) throw new Error(result.error)
    const { dataset, encoding } = result
    expect(dataset.task).toBe('classification')
    expect(dataset.size).toBe(4)
    expect(dataset.featureNames).toEqual(['sepal_length', 'petal_width', 'colour=blue', 'colour=green', 'colour=red'])
    expect(dataset.inputShape).toEqual([5])
    expect([...dataset.features.slice(0, 5)].map((v) => Number(v.toFixed(3)))).toEqual([5.1, 0.2, 0, 0, 1])
    expect([...dataset.features.slice(15, 20)].map((v) => Number(v.toFixed(3)))).toEqual([5.8, 1.2, 0, 1, 0])
    expect(dataset.classNames).toEqual(['setosa', 'versicolor', 'virginica'])
    expect([...dataset.labels]).toEqual([0, 0, 2, 1])
    expect(dataset.name.en).toContain('flowers.csv')
    expect(encoding.inputs[2]).toEqual({ name: 'colour', type: 'category', categories: ['blue', 'green', 'red'] })
  })

  it('picks regression for a continuous target and classification for few whole numbers', () => {
    const regression = csvDataset(IRIS_LIKE, { target: 'sepal_length' })
    expect(regression.ok && regression.dataset.task).toBe('regression')
    expect(regression.ok && regression.dataset.targetShape).toEqual([1])
    expect(regression.ok && [...regression.dataset.labels].map((v) => Number(v.toFixed(2)))).toEqual([
      5.1, 4.9, 6.3, 5.8,
    ])
    const grades = 'x,grade\n1,3\n2,1\n3,3\n4,2\n'
    const classification = csvDataset(grades, { target: 'grade' })
    expect(classification.ok && classification.dataset.task).toBe('classification')
    expect(classification.ok && classification.dataset.classNames).toEqual(['1', '2', '3'])
    const forced = csvDataset(grades, { target: 'grade', task: 'regression' })
    expect(forced.ok && forced.dataset.task).toBe('regression')
  })

  it('honours categorical and ignore, handles semicolons, quotes, blank lines and a BOM', () => {
    const text = '\uFEFFid;code;"label, long"\r\n1;10;"a, b"\r\n\r\n2;20;c\r\n3;10;c\r\n'
    const result = csvDataset(text, { target: 'label, long', categorical: ['code'], ignore: ['id'] })
    if (!result.ok) throw new Error(result.error)
    expect(result.dataset.featureNames).toEqual(['code=10', 'code=20'])
    expect(result.dataset.classNames).toEqual(['a, b', 'c'])
  })

  it('names the row and column of a bad value', () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${5 + i / 10},${i === 15 ? 'abc' : '0.2'},x`)
    const text = ['sepal_length,petal_width,species', ...rows].join('\n')
    const error = failure(text.replace('x\n', 'y\n'), { target: 'species' })
    expect(error.error).toBe('row 17, column "petal_width": expected a number, got "abc".')
    expect(error.message['zh-CN']).toBe('第 17 行，“petal_width”列：应为数字，实际为“abc”。')
  })

  it('reports missing values, ragged rows, an unknown target, an empty file, no rows', () => {
    expect(failure('a,b,c\n1,2,x\n3,,y\n', { target: 'c' }).error).toMatch(/^row 3, column "b": the value is missing/)
    expect(failure('a,b,c\n1,NA,x\n', { target: 'c' }).error).toMatch(/^row 2, column "b": the value is missing/)
    expect(failure('a,b,c\n1,2,x\n3,4\n', { target: 'c' }).error).toMatch(
      /^row 3 has 2 values but the header has 3 columns/,
    )
    const unknown = failure('a,b,c\n1,2,x\n', { target: 'd' })
    expect(unknown.error).toBe('There is no column "d" in the file. The columns are: a, b, c.')
    expect(failure('', { target: 'a' }).code).toBe('csvEmpty')
    expect(failure(' \n\n', { target: 'a' }).code).toBe('csvEmpty')
    expect(failure('a,b,c\n', { target: 'c' }).code).toBe('csvNoRows')
    expect(failure('a,b\n1,x\n2,x\n', { target: 'b' }).code).toBe('csvOneClass')
    expect(failure('a,b\n1,"x\n2,y\n', { target: 'b' }).code).toBe('csvQuotes')
    expect(failure('a,a\n1,2\n', { target: 'a' }).code).toBe('csvDuplicateColumn')
    expect(failure('a,b\n1,x\n2,y\n', { target: 'a', ignore: ['b'] }).code).toBe('csvNoFeatures')
    expect(failure('a,b\n1,x\n2,y\n', { target: 'a', ignore: ['zz'] }).code).toBe('csvUnknownColumn')
    expect(failure('a,b\n1,x\n2,y\n', { target: 'b', task: 'regression' }).error).toMatch(
      /^row 2, column "b": expected a number, got "x"/,
    )
  })

  it('never throws on junk', () => {
    for (const junk of ['"', ',,,\n,,,', '\u0000\u0001', 'a\n"', 'a,b\n1']) {
      expect(() => csvDataset(junk, { target: 'a' })).not.toThrow()
      expect(() => describeCsvColumns(junk)).not.toThrow()
    }
  })
})

describe('describeCsvColumns', () => {
  it('lists names, types and sample values for the import dialog', () => {
    const result = describeCsvColumns(IRIS_LIKE)
    if (!result.ok) throw new Error(result.error)
    expect(result.rows).toBe(4)
    expect(result.delimiter).toBe(',')
    expect(result.suggestedTarget).toBe('species')
    expect(result.columns.map((c) => [c.name, c.type])).toEqual([
      ['sepal_length', 'number'],
      ['petal_width', 'number'],
      ['colour', 'category'],
      ['species', 'category'],
    ])
    expect(result.columns[2].samples).toEqual(['red', 'blue', 'green'])
    expect(result.columns[0].taskAsTarget).toBe('regression')
    expect(result.columns[3].taskAsTarget).toBe('classification')
  })
})
