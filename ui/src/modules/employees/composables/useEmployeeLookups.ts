/** Options for department / role / manager selects. Missing permissions just give empty lists. */
import { computed, onMounted, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { api } from '@/api/client'
import type { Role } from '@/api/types'
import { roleLabel } from '@/composables/roleName'

export interface Option {
  value: string
  label: string
}

export function useEmployeeLookups(withManagers = false) {
  const { t, locale } = useI18n()
  const departments = ref<Option[]>([])
  const roleList = ref<Role[]>([])
  // computed, so built-in role names follow a language switch
  const roles = computed<Option[]>(() =>
    roleList.value.map((x) => ({ value: x.id, label: roleLabel(x, t) })).sort((a, b) => a.label.localeCompare(b.label, locale.value)),
  )
  const managers = ref<Option[]>([])

  onMounted(async () => {
    const [d, r, m] = await Promise.allSettled([
      api.GET('/api/v1/departments', { params: { query: { limit: 200, sort: 'name' } } }),
      api.GET('/api/v1/roles', { params: { query: { limit: 200 } } }),
      withManagers ? api.GET('/api/v1/employees', { params: { query: { limit: 200, sort: 'name', active: true } } }) : Promise.resolve(null),
    ])
    if (d.status === 'fulfilled') departments.value = (d.value.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))
    if (r.status === 'fulfilled') roleList.value = r.value.data?.items ?? []
    if (m.status === 'fulfilled' && m.value) managers.value = (m.value.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))
  })

  return { departments, roles, managers }
}
