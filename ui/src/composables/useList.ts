/**
 * List state for one window: paging, sorting, search, filters, and stale-request cancellation.
 * Each call owns its own state (not a store), so two list windows never share paging.
 */
import { computed, onScopeDispose, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { isAbort } from '@/api/errors'

export interface ListQuery<F, S extends string = string> {
  q: string
  sort: S | undefined
  limit: number
  offset: number
  filters: F
  signal: AbortSignal
}

export interface ListPage<T> {
  items: T[]
  total: number
}

export interface ListOptions<F, S extends string = string> {
  sort?: S
  limit?: number
  filters?: F
  /** Debounce for the search text in ms. */
  debounceMs?: number
  /** Load immediately (default true). */
  immediate?: boolean
}

export function useList<T, F extends object = Record<string, never>, S extends string = string>(
  fetchPage: (query: ListQuery<F, S>) => Promise<ListPage<T>>,
  options: ListOptions<F, S> = {},
) {
  const items = shallowRef<T[]>([]) as Ref<T[]>
  const total = ref(0)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  const q = ref('')
  const sort = ref<S | undefined>(options.sort) as Ref<S | undefined>
  const limit = ref(options.limit ?? 25)
  const offset = ref(0)
  const filters = reactive({ ...(options.filters ?? {}) }) as F

  let controller: AbortController | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  async function load(): Promise<void> {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    loading.value = true
    error.value = null
    try {
      const page = await fetchPage({
        q: q.value.trim(),
        sort: sort.value || undefined,
        limit: limit.value,
        offset: offset.value,
        filters: { ...filters } as F,
        signal: mine.signal,
      })
      if (mine.signal.aborted) return
      items.value = page.items
      total.value = page.total
    } catch (e) {
      if (mine.signal.aborted || isAbort(e)) return
      error.value = e
    } finally {
      if (controller === mine) {
        loading.value = false
        controller = null
      }
    }
  }

  function reloadFromStart(): void {
    offset.value = 0
    void load()
  }

  /** Sort keys come from the table's column keys; the server validates them (invalid_sort). */
  function toggleSort(key: string): void {
    sort.value = (sort.value === key ? `-${key}` : key) as S
  }

  function sortDirection(key: string): 'asc' | 'desc' | null {
    if (sort.value === key) return 'asc'
    if (sort.value === `-${key}`) return 'desc'
    return null
  }

  function setPage(page: number): void {
    const max = Math.max(0, pages.value - 1)
    offset.value = Math.min(Math.max(0, page), max) * limit.value
  }

  const page = computed(() => Math.floor(offset.value / limit.value))
  const pages = computed(() => Math.max(1, Math.ceil(total.value / limit.value)))

  watch(q, () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(reloadFromStart, options.debounceMs ?? 250)
  })
  watch([sort, limit, () => ({ ...filters })], reloadFromStart, { deep: true })
  watch(offset, () => void load())

  onScopeDispose(() => {
    controller?.abort()
    if (timer) clearTimeout(timer)
  })

  if (options.immediate !== false) void load()

  return { items, total, loading, error, q, sort, limit, offset, filters, page, pages, load, toggleSort, sortDirection, setPage }
}
