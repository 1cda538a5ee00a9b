/** Active employees as select options (for lead and members). Without employees.read the list stays empty. */
import { onMounted, ref } from 'vue'
import { api } from '@/api/client'

export interface Option {
  value: string
  label: string
}

export function useEmployeeOptions() {
  const employees = ref<Option[]>([])
  onMounted(async () => {
    try {
      const { data } = await api.GET('/api/v1/employees', { params: { query: { limit: 200, sort: 'name', active: true } } })
      employees.value = (data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))
    } catch {
      employees.value = []
    }
  })
  return { employees }
}
