/**
 * One document in one editor window: load it, and run changes that answer with the whole
 * invoice (header, lines, totals as the server calculated them). The UI never adds up amounts.
 */
import { computed, ref, shallowRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { api } from '@/api/client'
import { ApiError, errorMessage, fieldErrorMap } from '@/api/errors'
import { useToastStore } from '@/stores/toast'
import type { Invoice } from './types'

export type SaveState = 'idle' | 'saving' | 'saved' | 'error'

export function useInvoice(id: Ref<string | null>) {
  const { t, te } = useI18n()
  const toast = useToastStore()
  const invoice = shallowRef<Invoice | null>(null)
  const notFound = ref(false)
  const saveState = ref<SaveState>('idle')
  const fieldErrors = ref<Record<string, string>>({})
  let pending = 0

  const can = (action: string) => !!invoice.value?.allowed_actions.includes(action)
  const editable = computed(() => can('update'))

  async function load(): Promise<void> {
    if (!id.value) return
    try {
      const { data } = await api.GET('/api/v1/invoices/{invoice_id}', { params: { path: { invoice_id: id.value } } })
      if (data) invoice.value = data
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 422)) notFound.value = true
      else toast.push('error', errorMessage(e, t, te))
    }
  }

  /**
   * Runs a change; on success the answer replaces the document. Field errors are kept under
   * `fieldPrefix` (e.g. "lines.<id>." for a line), other errors become a toast.
   */
  async function change(action: () => Promise<Invoice | undefined>, fieldPrefix = ''): Promise<boolean> {
    pending++
    saveState.value = 'saving'
    try {
      const result = await action()
      if (result) invoice.value = result
      clearErrors(fieldPrefix)
      if (--pending === 0) saveState.value = 'saved'
      return true
    } catch (e) {
      pending--
      saveState.value = 'error'
      const fields = fieldErrorMap(e, t, te, 'invoices.fieldErrors')
      const keys = Object.keys(fields)
      if (keys.length === 0 || keys.includes('body')) toast.push('error', fields.body ?? errorMessage(e, t, te))
      const next = { ...fieldErrors.value }
      for (const k of keys) next[`${fieldPrefix}${k}`] = fields[k] ?? ''
      fieldErrors.value = next
      return false
    }
  }

  function clearErrors(prefix: string): void {
    if (!prefix) {
      fieldErrors.value = Object.fromEntries(Object.entries(fieldErrors.value).filter(([k]) => k.startsWith('lines.')))
      return
    }
    fieldErrors.value = Object.fromEntries(Object.entries(fieldErrors.value).filter(([k]) => !k.startsWith(prefix)))
  }

  return { invoice, notFound, saveState, fieldErrors, editable, can, load, change }
}
