/** Follows a background job (GET /jobs/{id}) until it succeeds or fails. */
import { onScopeDispose, ref, shallowRef } from 'vue'
import { api } from '@/api/client'
import type { JobRead } from './types'

export function useJob(intervalMs = 700) {
  const job = shallowRef<JobRead | null>(null)
  const error = shallowRef<unknown>(null)
  const running = ref(false)
  let timer: ReturnType<typeof setTimeout> | null = null

  async function poll(jobId: string): Promise<void> {
    try {
      const { data } = await api.GET('/api/v1/jobs/{job_id}', { params: { path: { job_id: jobId } } })
      if (data) job.value = data
      if (data && (data.status === 'queued' || data.status === 'running')) {
        timer = setTimeout(() => void poll(jobId), intervalMs)
        return
      }
    } catch (e) {
      error.value = e
    }
    running.value = false
  }

  function follow(jobId: string): void {
    stop()
    job.value = null
    error.value = null
    running.value = true
    void poll(jobId)
  }

  function stop(): void {
    if (timer) clearTimeout(timer)
    timer = null
  }

  onScopeDispose(stop)
  return { job, error, running, follow, stop }
}
