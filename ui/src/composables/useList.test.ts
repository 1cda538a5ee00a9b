import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, nextTick } from 'vue'
import { useList, type ListQuery } from './useList'

interface Row {
  id: number
}
interface Filters {
  active: boolean | undefined
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve()
  await nextTick()
}

describe('useList', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('loads, pages, sorts and filters with offset reset', async () => {
    const calls: Array<Omit<ListQuery<Filters>, 'signal'>> = []
    const scope = effectScope()
    const list = scope.run(() =>
      useList<Row, Filters>(
        async ({ signal: _signal, ...query }) => {
          calls.push(query)
          return { items: [{ id: query.offset + 1 }], total: 95 }
        },
        { sort: 'name', limit: 10, filters: { active: true } },
      ),
    )!
    await flush()
    expect(list.items.value).toEqual([{ id: 1 }])
    expect(list.pages.value).toBe(10)
    expect(calls.at(-1)).toMatchObject({ sort: 'name', limit: 10, offset: 0, filters: { active: true } })

    list.setPage(3)
    await flush()
    expect(calls.at(-1)?.offset).toBe(30)
    expect(list.page.value).toBe(3)

    list.toggleSort('name')
    await flush()
    expect(list.sort.value).toBe('-name')
    expect(list.sortDirection('name')).toBe('desc')
    expect(calls.at(-1)).toMatchObject({ sort: '-name', offset: 0 })

    list.filters.active = false
    await flush()
    expect(calls.at(-1)).toMatchObject({ filters: { active: false }, offset: 0 })

    list.setPage(99)
    await flush()
    expect(list.offset.value).toBe(90)
    scope.stop()
  })

  it('debounces search text', async () => {
    const fetchPage = vi.fn(async () => ({ items: [] as Row[], total: 0 }))
    const scope = effectScope()
    const list = scope.run(() => useList<Row>(fetchPage, { debounceMs: 200 }))!
    await flush()
    expect(fetchPage).toHaveBeenCalledTimes(1)
    list.q.value = 'a'
    await nextTick()
    list.q.value = 'an'
    await nextTick()
    list.q.value = 'ann '
    await nextTick()
    vi.advanceTimersByTime(199)
    expect(fetchPage).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(1)
    await flush()
    expect(fetchPage).toHaveBeenCalledTimes(2)
    expect((fetchPage.mock.calls.at(-1) as unknown[] | undefined)?.[0]).toMatchObject({ q: 'ann' })
    scope.stop()
  })

  it('aborts stale requests and keeps only the newest result', async () => {
    const resolvers: Array<(rows: Row[]) => void> = []
    const signals: AbortSignal[] = []
    const scope = effectScope()
    const list = scope.run(() =>
      useList<Row>(({ signal }) => {
        signals.push(signal)
        return new Promise((resolve) => resolvers.push((items) => resolve({ items, total: items.length })))
      }),
    )!
    void list.load()
    expect(signals[0]?.aborted).toBe(true)
    expect(signals[1]?.aborted).toBe(false)
    resolvers[1]!([{ id: 2 }])
    await flush()
    resolvers[0]!([{ id: 1 }])
    await flush()
    expect(list.items.value).toEqual([{ id: 2 }])
    expect(list.loading.value).toBe(false)
    scope.stop()
    expect(signals[1]?.aborted).toBe(false)
  })

  it('exposes errors but ignores aborts', async () => {
    const scope = effectScope()
    let fail: unknown = new Error('boom')
    const list = scope.run(() => useList<Row>(async () => { throw fail }))!
    await flush()
    expect(list.error.value).toBeInstanceOf(Error)
    fail = new DOMException('aborted', 'AbortError')
    await list.load()
    expect(list.error.value).toBeNull()
    scope.stop()
  })
})
