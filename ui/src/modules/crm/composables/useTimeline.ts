/** A customer's timeline, newest first, in pages appended by "load more". */
import { computed, onScopeDispose, ref, shallowRef, type Ref } from 'vue'
import { api } from '@/api/client'
import { isAbort } from '@/api/errors'
import type { Activity } from '@/api/types'

export function useTimeline(customerId: Ref<string | null>, pageSize = 20) {
  const items = shallowRef<Activity[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let controller: AbortController | null = null

  const hasMore = computed(() => items.value.length < total.value)

  async function fetchPage(offset: number): Promise<void> {
    const id = customerId.value
    if (!id) return
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    loading.value = true
    error.value = null
    try {
      const { data } = await api.GET('/api/v1/customers/{customer_id}/timeline', {
        params: { path: { customer_id: id }, query: { limit: pageSize, offset } },
        signal: mine.signal,
      })
      if (mine.signal.aborted || !data) return
      // entries logged meanwhile shift the offsets: skip what we already show
      const known = new Set(offset === 0 ? [] : items.value.map((a) => a.id))
      items.value = offset === 0 ? data.items : [...items.value, ...data.items.filter((a) => !known.has(a.id))]
      total.value = data.total
    } catch (e) {
      if (!mine.signal.aborted && !isAbort(e)) error.value = e
    } finally {
      if (controller === mine) {
        loading.value = false
        controller = null
      }
    }
  }

  const reload = () => fetchPage(0)
  const loadMore = () => fetchPage(items.value.length)

  onScopeDispose(() => controller?.abort())

  return { items, total, loading, error, hasMore, reload, loadMore }
}
