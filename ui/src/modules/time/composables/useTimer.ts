/** The caller's running timer, shared by the taskbar widget and the time windows. */
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { api } from '@/api/client'
import type { TimeEntry } from './types'

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

  async function start(projectId: string, description: string | null): Promise<void> {
    const { data } = await api.POST('/api/v1/time-entries/timer/start', {
      body: { project_id: projectId, description: description || null, task_type: 'other', stop_running: !!running.value },
    })
    running.value = data ?? null
    ensureTick()
    await refresh()
  }

  async function stop(): Promise<void> {
    await api.POST('/api/v1/time-entries/timer/stop')
    running.value = null
    ensureTick()
    await refresh()
  }

  function dispose(): void {
    if (tick) clearInterval(tick)
    tick = null
  }

  return { running, loaded, elapsedMs, refresh, start, stop, dispose }
})
