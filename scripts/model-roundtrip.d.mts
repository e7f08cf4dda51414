// Types of scripts/model-roundtrip.mjs for the TypeScript tests that use it.
export interface LayerSpec {
  type: 'conv2d' | 'maxPooling2d' | 'flatten' | 'dense'
  config: Record<string, unknown>
}
export interface ModelSpec {
  name: string
  input: number[]
  layers: LayerSpec[]
}
export interface StepFigure {
  step: string
  seconds: number
  /** Peak resident set size in bytes, or null where it could not be measured. */
  rssBytes: number | null
}
export interface RoundTripResult {
  params: number
  steps: StepFigure[]
  differences: { tfjs: number; onnx: number; pytorch?: number }
  outputs: number
}
export const PYTHON: string
export const MAX_STEP_RSS_BYTES: number
export const VGG16: ModelSpec
export const VGG16_PARAMS: number
export const STAND_IN: ModelSpec
export function measured(
  command: string,
  args: string[],
  options?: { cwd?: string; env?: Record<string, string>; tmp?: string },
): Promise<{ seconds: number; rssBytes: number | null; stdout: string; stderr: string }>
export function relativeDifference(got: ArrayLike<number>, want: ArrayLike<number>): number
export function hasTorch(): boolean
export function roundTrip(
  spec: ModelSpec,
  dir: string,
  options?: { log?: (line: string) => void; torch?: boolean },
): Promise<RoundTripResult>
export function megabytes(bytes: number | null): string
