import { describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import type { ImportResult } from '@/api/types'
import { useCsvImport, type ImportRunner } from './useCsvImport'

function result(over: Partial<ImportResult> = {}): ImportResult {
  return {
    entity: 'customers', dry_run: true, encoding: 'utf-8', delimiter: ';', rows_total: 2, rows_valid: 2, created: 0,
    errors: [], unknown_columns: [], preview: [], ...over,
  }
}

const csv = (name = 'a.csv') => new File(['Name\nA'], name, { type: 'text/csv' })

function setup(run: ImportRunner) {
  const scope = effectScope()
  return scope.run(() => useCsvImport(run))!
}

describe('useCsvImport', () => {
  it('checks on file choice and allows the import only without errors', async () => {
    const run = vi.fn<ImportRunner>(async (_f, _e, dryRun) => result({ dry_run: dryRun, created: dryRun ? 0 : 2 }))
    const state = setup(run)
    expect(state.canImport.value).toBe(false)
    await state.setFile(csv())
    expect(run).toHaveBeenLastCalledWith(expect.any(File), 'customers', true, expect.any(AbortSignal))
    expect(state.phase.value).toBe('checked')
    expect(state.canImport.value).toBe(true)
    const done = await state.commit()
    expect(run).toHaveBeenLastCalledWith(expect.any(File), 'customers', false, expect.any(AbortSignal))
    expect(done?.created).toBe(2)
    expect(state.phase.value).toBe('done')
    expect(state.canImport.value).toBe(false)
  })

  it('blocks the import while the dry run reports errors', async () => {
    const run = vi.fn<ImportRunner>(async () => result({ rows_valid: 1, errors: [{ row: 3, field: 'email', message: 'bad', code: 'value_error', params: {} }] }))
    const state = setup(run)
    await state.setFile(csv())
    expect(state.check.value?.errors).toHaveLength(1)
    expect(state.canImport.value).toBe(false)
    expect(await state.commit()).toBeNull()
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('blocks an empty file', async () => {
    const state = setup(async () => result({ rows_total: 0, rows_valid: 0 }))
    await state.setFile(csv())
    expect(state.canImport.value).toBe(false)
  })

  it('re-checks when the entity changes and ignores a stale answer', async () => {
    const resolvers: Array<(r: ImportResult) => void> = []
    const run = vi.fn<ImportRunner>((_f, entity) => new Promise((resolve) => resolvers.push(() => resolve(result({ entity })))))
    const state = setup(run)
    const first = state.setFile(csv())
    const second = state.setEntity('contacts')
    resolvers[1]?.(result())
    await second
    resolvers[0]?.(result())
    await first
    expect(state.check.value?.entity).toBe('contacts')
    expect(state.phase.value).toBe('checked')
  })

  it('keeps the check and reports a failed import', async () => {
    const boom = new Error('422')
    const run = vi.fn<ImportRunner>(async (_f, _e, dryRun) => {
      if (!dryRun) throw boom
      return result()
    })
    const state = setup(run)
    await state.setFile(csv())
    expect(await state.commit()).toBeNull()
    expect(state.error.value).toBe(boom)
    expect(state.phase.value).toBe('checked')
    state.reset()
    expect(state.file.value).toBeNull()
    expect(state.phase.value).toBe('idle')
  })
})
