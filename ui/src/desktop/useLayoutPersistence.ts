/** Load the user's window layout once, then save changes debounced via PUT /auth/me/layout. */
import { computed, onScopeDispose, ref, watch } from 'vue'
import { api } from '@/api/client'
import { useDesktopStore } from './store'

export function useLayoutPersistence(delayMs = 800) {
  const desktop = useDesktopStore()
  const ready = ref(false)
  const snapshot = computed(() => JSON.stringify(desktop.serialize()))
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastSaved = ''

  async function restore(): Promise<void> {
    let saved: unknown
    try {
      const { data } = await api.GET('/api/v1/auth/me/layout')
      saved = data?.layout ?? null
    } catch {
      saved = null
    }
    // A window the user opened while the layout was loading wins over the saved layout.
    if (desktop.windows.length === 0) desktop.restore(saved)
    lastSaved = snapshot.value
    ready.value = true
  }

  async function save(): Promise<void> {
    if (timer) clearTimeout(timer)
    timer = null
    const body = snapshot.value
    if (body === lastSaved) return
    lastSaved = body
    try {
      await api.PUT('/api/v1/auth/me/layout', { body: { layout: JSON.parse(body) as Record<string, unknown> } })
    } catch {
      lastSaved = ''
    }
  }

  watch(snapshot, () => {
    if (!ready.value) return
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => void save(), delayMs)
  })

  onScopeDispose(() => {
    if (timer) clearTimeout(timer)
  })

  return { ready, restore, save }
}
