import { flattenTraining, diffSettings } from '../../core/experiments/settings'
import type { RunRecord } from '../../core/experiments/run-history'
import { EXIT, type Command } from '../command'
import { loadProject } from '../project-file'
import { renderTable } from '../table'

const formatValue = (value: unknown) =>
  value === undefined ? '-' : typeof value === 'number' ? String(Number(value.toPrecision(6))) : String(value)

/** What a run changed from the run before it (the first: what its sweep set, or nothing). */
function changes(run: RunRecord, previous: RunRecord | undefined): string {
  const after = [
    ...flattenTraining(run.training),
    ...Object.entries(run.overrides ?? {}).filter(([path]) => !path.startsWith('training.')),
  ]
  if (!previous)
    return Object.entries(run.overrides ?? {})
      .map(([path, value]) => `${path}=${formatValue(value)}`)
      .join(' ')
  const before = [
    ...flattenTraining(previous.training),
    ...Object.entries(previous.overrides ?? {}).filter(([path]) => !path.startsWith('training.')),
  ]
  return diffSettings(before, after)
    .map((change) => `${change.path}=${formatValue(change.after)}`)
    .join(' ')
}

const runs: Command = {
  description:
    'Lists the training runs recorded in a project (by the app, layercanvas train and layercanvas sweep): when, how long, on which backend, the settings that changed from the run before, and the final test metrics.',
  positionals: [{ name: 'project.json' }],
  options: {
    json: {
      type: 'boolean',
      description: 'print one JSON object: {"runs":[…]} with every recorded run (weights left out)',
    },
  },
  async run({ values, positionals }, io) {
    const json = values.json === true
    const file = positionals[0]
    const loaded = await loadProject(file, io.cwd)
    if (!loaded.ok) {
      if (json) io.out(JSON.stringify({ error: loaded.error }) + '\n')
      io.err(`layercanvas: ${loaded.line}\n`)
      return EXIT.usage
    }
    const history = loaded.document.runs ?? []
    if (json) {
      const list = history.map(({ weights, ...run }) => ({ ...run, hasWeights: weights !== undefined }))
      io.out(JSON.stringify({ runs: list }) + '\n')
      return EXIT.ok
    }
    if (history.length === 0) {
      io.out(`${file}: no recorded runs yet (train it in the app, or with layercanvas train or sweep)\n`)
      return EXIT.ok
    }
    const metricNames = [...new Set(history.flatMap((run) => Object.keys(run.test ?? {})))].filter(
      (name) => name !== 'samples',
    )
    const rows = history.map((run, i) => [
      run.id,
      run.startedAt.replace('T', ' ').slice(0, 19),
      run.source,
      run.status,
      String(run.epochs.length),
      ...metricNames.map((name) => (run.test?.[name] !== undefined ? run.test[name].toFixed(4) : '-')),
      run.seconds.toFixed(1),
      run.backend,
      changes(run, history[i - 1]) || '-',
    ])
    const table = renderTable(
      [
        { header: 'run' },
        { header: 'started (UTC)' },
        { header: 'by' },
        { header: 'status' },
        { header: 'epochs', align: 'right' },
        ...metricNames.map((name) => ({ header: `test ${name}`, align: 'right' as const })),
        { header: 'seconds', align: 'right' },
        { header: 'backend' },
        { header: 'changed settings' },
      ],
      rows,
    )
    io.out(`${table.join('\n')}\n`)
    return EXIT.ok
  },
}

export default runs
