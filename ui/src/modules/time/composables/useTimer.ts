/**
 * The caller's running timer, shared by the taskbar widget and the time windows.
 * A timer stopped within its first minute records nothing (the server discards it, the same rule
 * when another project's timer replaces it); `stop` and `start` say so, so the UI can tell.
 */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api } from '@/api/client'
import type { TimeEntry } from './types'

/** The shortest timer the server keeps (time_tracking.service.SHORTEST_TIMER). */
export const SHORTEST_MS = 60_000

export const useTimerStore = defineStore('time-timer', () => {
  const running = shallowRef<TimeEntry | null>(null)
  const loaded = ref(false)
  const now = ref(Date.now())
  let tick: ReturnType<typeof setInterval> | null = null

  function ensureTick(): void {
    if (running.value && !tick) {
      tick = setInterval(() => (now.value = Date.now()), 1000)
    } else if (!running.value && tick) {
      clearInterval(tick)
      tick = null
    }
    now.value = Date.now()
  }

  const elapsedMs = computed(() => (running.value ? now.value - new Date(running.value.started_at).getTime() : 0))

  async function refresh(): Promise<void> {
    const { data } = await api.GET('/api/v1/time-entries/timer')
    running.value = data ?? null
    loaded.value = true
    ensureTick()
  }

  /** Starts a timer; true when a timer that had run for less than a minute gave way to it. */
  async function start(projectId: string, description: string | null): Promise<boolean> {
    const replaced = running.value
    const { data } = await api.POST('/api/v1/time-entries/timer/start', {
      body: { project_id: projectId, description: description || null, task_type: 'other', stop_running: !!running.value },
    })
    running.value = data ?? null
    ensureTick()
    await refresh()
    return !!replaced && !!data && new Date(data.started_at).getTime() - new Date(replaced.started_at).getTime() < SHORTEST_MS
  }

  /** Stops the timer; false when it had run for less than a minute and nothing was recorded. */
  async function stop(): Promise<boolean> {
    const { data } = await api.POST('/api/v1/time-entries/timer/stop')
    running.value = null
    ensureTick()
    await refresh()
    return !!data
  }

  function dispose(): void {
    if (tick) clearInterval(tick)
    tick = null
  }

  return { running, loaded, elapsedMs, refresh, start, stop, dispose }
})
