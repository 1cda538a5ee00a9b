import { defineStore } from 'pinia'
import { ref } from 'vue'

export type ToastKind = 'success' | 'error' | 'info'
export interface Toast {
  id: number
  kind: ToastKind
  message: string
  /** How often the same message came while it was shown ("×3"). */
  count: number
}

/** At most this many toasts at once; older ones give way. */
const MAX_TOASTS = 3

export const useToastStore = defineStore('toast', () => {
  const toasts = ref<Toast[]>([])
  /** True while the desktop shows toasts in its own strip (nothing overlays the windows). */
  const docked = ref(false)
  const timers = new Map<number, ReturnType<typeof setTimeout>>()
  let next = 1

  function schedule(id: number, timeoutMs: number): void {
    const old = timers.get(id)
    if (old) clearTimeout(old)
    if (timeoutMs > 0) timers.set(id, setTimeout(() => dismiss(id), timeoutMs))
  }

  /** Show a message; the same message again while it is shown counts up instead of stacking. */
  function push(kind: ToastKind, message: string, timeoutMs = kind === 'error' ? 7000 : 3500): number {
    const same = toasts.value.find((t) => t.kind === kind && t.message === message)
    if (same) {
      same.count += 1
      schedule(same.id, timeoutMs)
      return same.id
    }
    const id = next++
    toasts.value.push({ id, kind, message, count: 1 })
    while (toasts.value.length > MAX_TOASTS) {
      const oldest = toasts.value[0]
      if (oldest) dismiss(oldest.id)
    }
    schedule(id, timeoutMs)
    return id
  }

  function dismiss(id: number): void {
    const timer = timers.get(id)
    if (timer) clearTimeout(timer)
    timers.delete(id)
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }

  return { toasts, docked, push, dismiss }
})
