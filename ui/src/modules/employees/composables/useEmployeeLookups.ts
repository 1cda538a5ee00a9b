/** Options for department / role / manager selects. Missing permissions just give empty lists. */
import { onMounted, ref } from 'vue'
import { api } from '@/api/client'

export interface Option {
  value: string
  label: string
}

export function useEmployeeLookups(withManagers = false) {
  const departments = ref<Option[]>([])
  const roles = ref<Option[]>([])
  const managers = ref<Option[]>([])

  onMounted(async () => {
    const [d, r, m] = await Promise.allSettled([
      api.GET('/api/v1/departments', { params: { query: { limit: 200, sort: 'name' } } }),
      api.GET('/api/v1/roles', { params: { query: { limit: 200 } } }),
      withManagers ? api.GET('/api/v1/employees', { params: { query: { limit: 200, sort: 'name', active: true } } }) : Promise.resolve(null),
    ])
    if (d.status === 'fulfilled') departments.value = (d.value.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))
    if (r.status === 'fulfilled') roles.value = (r.value.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))
    if (m.status === 'fulfilled' && m.value) managers.value = (m.value.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))
  })

  return { departments, roles, managers }
}
