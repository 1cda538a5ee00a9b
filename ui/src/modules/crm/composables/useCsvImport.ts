/**
 * CSV import state for one window: a dry run whenever file or entity change, the real import
 * only when that dry run found no errors. A newer check cancels an older one still in flight.
 */
import { computed, onScopeDispose, ref, shallowRef } from 'vue'
import { isAbort } from '@/api/errors'
import type { ImportEntity, ImportResult } from '@/api/types'

export type ImportRunner = (file: File, entity: ImportEntity, dryRun: boolean, signal: AbortSignal) => Promise<ImportResult>
export type ImportPhase = 'idle' | 'checking' | 'checked' | 'importing' | 'done'

export function useCsvImport(run: ImportRunner) {
  const file = shallowRef<File | null>(null)
  const entity = ref<ImportEntity>('customers')
  const phase = ref<ImportPhase>('idle')
  const check = shallowRef<ImportResult | null>(null)
  const result = shallowRef<ImportResult | null>(null)
  const error = shallowRef<unknown>(null)
  let controller: AbortController | null = null

  const canImport = computed(
    () => phase.value === 'checked' && !!check.value && check.value.errors.length === 0 && check.value.rows_valid > 0,
  )

  async function dryRun(): Promise<void> {
    controller?.abort()
    result.value = null
    check.value = null
    error.value = null
    const f = file.value
    if (!f) {
      phase.value = 'idle'
      return
    }
    const mine = new AbortController()
    controller = mine
    phase.value = 'checking'
    try {
      const r = await run(f, entity.value, true, mine.signal)
      if (mine.signal.aborted) return
      check.value = r
      phase.value = 'checked'
    } catch (e) {
      if (mine.signal.aborted || isAbort(e)) return
      error.value = e
      phase.value = 'idle'
    }
  }

  function setFile(next: File | null): Promise<void> {
    file.value = next
    return dryRun()
  }

  function setEntity(next: ImportEntity): Promise<void> {
    entity.value = next
    return dryRun()
  }

  /** The real import; returns the result, or null when it was not allowed or failed. */
  async function commit(): Promise<ImportResult | null> {
    const f = file.value
    if (!canImport.value || !f) return null
    const mine = new AbortController()
    controller = mine
    phase.value = 'importing'
    error.value = null
    try {
      const r = await run(f, entity.value, false, mine.signal)
      result.value = r
      phase.value = 'done'
      return r
    } catch (e) {
      if (!isAbort(e)) error.value = e
      phase.value = 'checked'
      return null
    }
  }

  function reset(): void {
    controller?.abort()
    file.value = null
    check.value = null
    result.value = null
    error.value = null
    phase.value = 'idle'
  }

  onScopeDispose(() => controller?.abort())

  return { file, entity, phase, check, result, error, canImport, setFile, setEntity, dryRun, commit, reset }
}
