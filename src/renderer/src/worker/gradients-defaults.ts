/** The weights-and-gradients view's throttles (shared by the worker and the panel's caption). */

/** Probe a training step at most this often (ms) while the view is open. */
export const DEFAULT_PROBE_MS = 500
/** Push the probed steps to the UI at most this often (ms). */
export const DEFAULT_GRADIENTS_PUSH_MS = 1000
