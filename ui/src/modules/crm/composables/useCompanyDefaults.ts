/** Company defaults (rate, payment terms) for form hints; read once per page load. */
import { shallowRef } from 'vue'
import { api } from '@/api/client'
import type { CompanySettings } from '@/api/types'

const settings = shallowRef<CompanySettings | null>(null)
let pending: Promise<void> | null = null

export function useCompanyDefaults() {
  if (!settings.value && !pending) {
    pending = api
      .GET('/api/v1/settings/company')
      .then(({ data }) => {
        settings.value = data ?? null
      })
      .catch(() => {
        // hints just stay generic
      })
      .finally(() => {
        pending = null
      })
  }
  return settings
}
