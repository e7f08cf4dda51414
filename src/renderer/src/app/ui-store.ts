import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { Lang } from '../../../core/i18n/text'
import { loadPreferences, savePreferences, type LayoutDirection, type Theme } from './preferences'

export interface Banner {
  kind: 'error' | 'warning' | 'info'
  title: string
  /** Details, e.g. the exact path of a parse error. */
  detail?: string
}

export interface Toast {
  id: number
  message: string
  tone: 'error' | 'info'
  /** Screen position (near the cursor); centred at the bottom of the canvas when absent. */
  at?: { x: number; y: number }
}

export interface ConfirmRequest {
  title: string
  message: string
  confirmLabel: string
  resolve: (ok: boolean) => void
}

/** Everything the editor shows that is not part of the project document (never in undo). */
export interface UiState {
  selectedNodeIds: string[]
  selectedEdgeIds: string[]
  /**
   * The group whose frame was clicked: its layers are the node selection and the inspector
   * shows the group. Any other selection change clears it.
   */
  selectedGroupId: string | null
  theme: Theme
  language: Lang
  minimap: boolean
  layoutDirection: LayoutDirection
  fileName: string | null
  filePath: string | null
  templatesOpen: boolean
  confirm: ConfirmRequest | null
  banner: Banner | null
  toast: Toast | null
  /** Bumped to ask the palette to focus its search box (Ctrl+K). */
  paletteFocusRequest: number
}

const prefs = loadPreferences()

export const uiStore = createStore<UiState>()(() => ({
  selectedNodeIds: [],
  selectedEdgeIds: [],
  selectedGroupId: null,
  theme: prefs.theme,
  language: prefs.language,
  minimap: prefs.minimap,
  layoutDirection: prefs.layoutDirection,
  fileName: null,
  filePath: null,
  templatesOpen: false,
  confirm: null,
  banner: null,
  toast: null,
  paletteFocusRequest: 0,
}))

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector)
}

export const useLang = (): Lang => useUi((state) => state.language)

uiStore.subscribe((state, prev) => {
  if (
    state.theme !== prev.theme ||
    state.language !== prev.language ||
    state.minimap !== prev.minimap ||
    state.layoutDirection !== prev.layoutDirection
  ) {
    savePreferences({
      theme: state.theme,
      language: state.language,
      minimap: state.minimap,
      layoutDirection: state.layoutDirection,
    })
  }
})

const EMPTY: string[] = []

export function select(nodeIds: string[], edgeIds: string[] = EMPTY): void {
  const state = uiStore.getState()
  if (
    sameIds(state.selectedNodeIds, nodeIds) &&
    sameIds(state.selectedEdgeIds, edgeIds) &&
    state.selectedGroupId === null
  )
    return
  uiStore.setState({ selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds, selectedGroupId: null })
}

/** Selects a group: its layers become the node selection (so Delete, Copy… act on them). */
export function selectGroup(groupId: string, nodeIds: string[]): void {
  uiStore.setState({ selectedNodeIds: nodeIds, selectedEdgeIds: EMPTY, selectedGroupId: groupId })
}

function sameIds(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i])
}

let toastId = 0
let toastTimer: ReturnType<typeof setTimeout> | undefined

export function showToast(message: string, tone: Toast['tone'] = 'info', at?: Toast['at']): void {
  clearTimeout(toastTimer)
  const id = ++toastId
  uiStore.setState({ toast: { id, message, tone, at } })
  toastTimer = setTimeout(() => {
    if (uiStore.getState().toast?.id === id) uiStore.setState({ toast: null })
  }, 3500)
}

export function showBanner(banner: Banner | null): void {
  uiStore.setState({ banner })
}

/** An in-app confirm dialog (native confirm() would block and look foreign in Electron). */
export function askConfirm(request: Omit<ConfirmRequest, 'resolve'>): Promise<boolean> {
  return new Promise((resolve) => {
    uiStore.getState().confirm?.resolve(false)
    uiStore.setState({
      confirm: {
        ...request,
        resolve: (ok) => {
          uiStore.setState({ confirm: null })
          resolve(ok)
        },
      },
    })
  })
}
