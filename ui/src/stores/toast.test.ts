import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useToastStore } from './toast'

describe('toast store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it('collapses a repeated message into one toast with a count, and restarts its time', () => {
    const toast = useToastStore()
    const first = toast.push('error', 'Der Server ist nicht erreichbar.')
    vi.advanceTimersByTime(5000)
    const again = toast.push('error', 'Der Server ist nicht erreichbar.')
    expect(again).toBe(first)
    expect(toast.toasts).toHaveLength(1)
    expect(toast.toasts[0]?.count).toBe(2)
    vi.advanceTimersByTime(5000) // 10 s after the first, 5 s after the repeat: still shown
    expect(toast.toasts).toHaveLength(1)
    vi.advanceTimersByTime(2100)
    expect(toast.toasts).toHaveLength(0)
  })

  it('keeps at most three toasts, the newest', () => {
    const toast = useToastStore()
    for (const n of [1, 2, 3, 4]) toast.push('info', `Meldung ${n}`)
    expect(toast.toasts.map((t) => t.message)).toEqual(['Meldung 2', 'Meldung 3', 'Meldung 4'])
  })
})
