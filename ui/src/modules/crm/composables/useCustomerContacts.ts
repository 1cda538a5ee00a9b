/** All contacts of one customer (a handful, at most a few hundred): for the tab, pickers and event texts. */
import { onScopeDispose, ref, shallowRef, type Ref } from 'vue'
import { api } from '@/api/client'
import { isAbort } from '@/api/errors'
import type { Contact } from '@/api/types'

export function useCustomerContacts(customerId: Ref<string | null>) {
  const contacts = shallowRef<Contact[]>([])
  const loading = ref(false)
  const error = shallowRef<unknown>(null)
  let controller: AbortController | null = null

  async function reload(): Promise<void> {
    const id = customerId.value
    if (!id) return
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    loading.value = true
    try {
      const { data } = await api.GET('/api/v1/customers/{customer_id}/contacts', {
        params: { path: { customer_id: id }, query: { limit: 200, sort: 'name' } },
        signal: mine.signal,
      })
      if (!mine.signal.aborted) {
        // primary contact first, then by name (the server sorts by name)
        contacts.value = [...(data?.items ?? [])].sort((a, b) => Number(b.is_primary) - Number(a.is_primary))
        error.value = null
      }
    } catch (e) {
      if (!mine.signal.aborted && !isAbort(e)) error.value = e
    } finally {
      if (controller === mine) {
        loading.value = false
        controller = null
      }
    }
  }

  function nameOf(id: string): string | undefined {
    return contacts.value.find((c) => c.id === id)?.name
  }

  onScopeDispose(() => controller?.abort())

  return { contacts, loading, error, reload, nameOf }
}
