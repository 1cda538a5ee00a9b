/** Window manager: open windows, z-order, geometry, minimise/maximise, layout (de)serialisation. */
import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import { findApp, findWindow } from './registry'
import type { SavedLayout, WindowState } from './types'

export const MIN_WIDTH = 320
export const MIN_HEIGHT = 200
const DEFAULT_WIDTH = 760
const DEFAULT_HEIGHT = 520
const CASCADE = 28

type Guard = (appId: string, windowKey: string) => boolean

export const useDesktopStore = defineStore('desktop', () => {
  const windows = ref<WindowState[]>([])
  const viewport = reactive({ width: 1280, height: 760 })
  const changes = reactive<Record<string, number>>({})
  /** A window that should take the keyboard focus (opened from the dock, palette or a shortcut). */
  const focusRequest = ref<{ id: string; seq: number } | null>(null)
  let topZ = 0
  let seq = 0
  let guard: Guard = () => true

  const focused = computed<WindowState | null>(() => {
    let best: WindowState | null = null
    for (const w of windows.value) if (!w.minimized && (!best || w.z > best.z)) best = w
    return best
  })

  function setGuard(fn: Guard): void {
    guard = fn
  }

  function setViewport(width: number, height: number): void {
    viewport.width = width
    viewport.height = height
  }

  function byId(id: string): WindowState | undefined {
    return windows.value.find((w) => w.id === id)
  }

  function clamp(w: WindowState): void {
    w.width = Math.max(MIN_WIDTH, Math.min(w.width, viewport.width))
    w.height = Math.max(MIN_HEIGHT, Math.min(w.height, viewport.height))
    w.x = Math.max(0, Math.min(w.x, viewport.width - 120))
    w.y = Math.max(0, Math.min(w.y, viewport.height - 40))
  }

  function focus(id: string): void {
    const w = byId(id)
    if (!w) return
    w.minimized = false
    if (w.z !== topZ) w.z = ++topZ
  }

  /** Open (or focus) a window. Returns its id, or null when the window is unknown or not allowed. */
  function open(appId: string, windowKey?: string, recordId: string | number | null = null): string | null {
    const app = findApp(appId)
    let key = windowKey ?? app?.mainWindow
    if (!app || !key) return null
    // Opening an app without naming a window: if its main window is not allowed for this user,
    // the first window that is takes its place (e.g. time entries for read-only users).
    if (windowKey === undefined && !guard(appId, key)) {
      key = Object.keys(app.windows).find((k) => guard(appId, k))
      if (!key) return null
    }
    const def = findWindow(appId, key)
    if (!def || !guard(appId, key)) return null
    const rid = recordId === null || recordId === undefined || recordId === '' ? null : String(recordId)

    const existing = windows.value.find(
      (w) => w.appId === appId && w.windowKey === key && (def.instance === 'single' || (rid !== null && w.recordId === rid)),
    )
    if (existing) {
      if (def.instance === 'single' && rid !== null && existing.recordId !== rid) {
        existing.recordId = rid
        existing.subtitle = null
      }
      focus(existing.id)
      return existing.id
    }

    const offset = (windows.value.length % 8) * CASCADE
    const state: WindowState = {
      id: `w${++seq}`,
      appId,
      windowKey: key,
      recordId: rid,
      x: 40 + offset,
      y: 24 + offset,
      width: def.width ?? DEFAULT_WIDTH,
      height: def.height ?? DEFAULT_HEIGHT,
      z: ++topZ,
      minimized: false,
      maximized: false,
      subtitle: null,
    }
    clamp(state)
    windows.value.push(state)
    return state.id
  }

  function requestFocus(id: string): void {
    focusRequest.value = { id, seq: (focusRequest.value?.seq ?? 0) + 1 }
  }

  function close(id: string): void {
    windows.value = windows.value.filter((w) => w.id !== id)
  }

  function closeFocused(): void {
    if (focused.value) close(focused.value.id)
  }

  function minimize(id: string): void {
    const w = byId(id)
    if (w) w.minimized = true
  }

  function toggleMaximize(id: string): void {
    const w = byId(id)
    if (!w) return
    w.maximized = !w.maximized
    focus(id)
  }

  /** Dock/taskbar click: focus, or minimise when it already is the focused window. */
  function toggleFromTaskbar(id: string): void {
    const w = byId(id)
    if (!w) return
    if (focused.value?.id === id) minimize(id)
    else focus(id)
  }

  function move(id: string, x: number, y: number): void {
    const w = byId(id)
    if (!w || w.maximized) return
    w.x = Math.round(x)
    w.y = Math.round(y)
    clamp(w)
  }

  function resize(id: string, width: number, height: number): void {
    const w = byId(id)
    if (!w || w.maximized) return
    w.width = Math.round(width)
    w.height = Math.round(height)
    clamp(w)
  }

  function setSubtitle(id: string, subtitle: string | null): void {
    const w = byId(id)
    if (w) w.subtitle = subtitle
  }

  /** Alt+` style cycling through windows in stacking order. */
  function cycle(): void {
    if (windows.value.length < 2) {
      const only = windows.value[0]
      if (only) focus(only.id)
      return
    }
    const ordered = [...windows.value].sort((a, b) => a.z - b.z)
    const lowest = ordered[0]
    if (lowest) focus(lowest.id)
  }

  function serialize(): SavedLayout {
    return {
      version: 1,
      windows: [...windows.value]
        .sort((a, b) => a.z - b.z)
        .map(({ appId, windowKey, recordId, x, y, width, height, z, minimized, maximized }) => ({
          appId, windowKey, recordId, x, y, width, height, z, minimized, maximized,
        })),
    }
  }

  /** Restore a saved layout; silently drops windows whose app is gone or not allowed. */
  function restore(layout: unknown): void {
    windows.value = []
    topZ = 0
    if (!isSavedLayout(layout)) return
    for (const saved of [...layout.windows].sort((a, b) => a.z - b.z)) {
      const def = findWindow(saved.appId, saved.windowKey)
      if (!def || !guard(saved.appId, saved.windowKey)) continue
      const state: WindowState = {
        ...saved,
        recordId: saved.recordId ?? null,
        id: `w${++seq}`,
        z: ++topZ,
        subtitle: null,
      }
      clamp(state)
      windows.value.push(state)
    }
  }

  function reset(): void {
    windows.value = []
    topZ = 0
  }

  /** Cross-window refresh: a window that changed data of a topic bumps it; lists watch it. */
  function notifyChanged(topic: string): void {
    changes[topic] = (changes[topic] ?? 0) + 1
  }

  function changeCount(topic: string): number {
    return changes[topic] ?? 0
  }

  return {
    windows, viewport, focused, focusRequest,
    setGuard, requestFocus, setViewport, open, focus, close, closeFocused, minimize, toggleMaximize, toggleFromTaskbar,
    move, resize, setSubtitle, cycle, serialize, restore, reset, notifyChanged, changeCount,
  }
})

function isSavedLayout(value: unknown): value is SavedLayout {
  if (!value || typeof value !== 'object') return false
  const v = value as Partial<SavedLayout>
  if (v.version !== 1 || !Array.isArray(v.windows)) return false
  return v.windows.every(
    (w) =>
      w && typeof w.appId === 'string' && typeof w.windowKey === 'string' &&
      [w.x, w.y, w.width, w.height, w.z].every((n) => typeof n === 'number' && Number.isFinite(n)),
  )
}
