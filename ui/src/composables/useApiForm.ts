/** Submit helper: field errors next to fields, everything else in a toast. */
import { nextTick, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { errorMessage, fieldErrorMap } from '@/api/errors'
import { useToastStore } from '@/stores/toast'

export interface ApiFormOptions {
  /** i18n prefix for field-specific messages, see `fieldErrorMap`. */
  fieldMessages?: string
  /** The form: after an error, its first field with an error is scrolled to and focused (a long
   * form would otherwise hide the message below the fold). */
  root?: Ref<HTMLElement | null>
}

/** Scrolls the first field marked invalid inside `root` into view and focuses it. */
export async function revealFirstError(root: HTMLElement | null | undefined): Promise<void> {
  await nextTick()
  const field = root?.querySelector<HTMLElement>('[aria-invalid="true"], [role="alert"]')
  if (!field) return
  field.scrollIntoView({ block: 'center' })
  const input = field.matches('input, select, textarea') ? field : field.closest('[data-field]')?.querySelector<HTMLElement>('input, select, textarea')
  input?.focus({ preventScroll: true })
}

export function useApiForm(options: ApiFormOptions = {}) {
  const { t, te } = useI18n()
  const toast = useToastStore()
  const fieldErrors = ref<Record<string, string>>({})
  const busy = ref(false)

  /** Runs `action`; returns its result, or undefined when it failed (errors already shown). */
  async function submit<R>(action: () => Promise<R>, success?: string): Promise<R | undefined> {
    busy.value = true
    fieldErrors.value = {}
    try {
      const result = await action()
      if (success) toast.push('success', success)
      return result
    } catch (e) {
      const fields = fieldErrorMap(e, t, te, options.fieldMessages)
      fieldErrors.value = fields
      if (Object.keys(fields).length === 0) toast.push('error', errorMessage(e, t, te))
      else void revealFirstError(options.root?.value)
      return undefined
    } finally {
      busy.value = false
    }
  }

  function showError(e: unknown): void {
    toast.push('error', errorMessage(e, t, te))
  }

  return { fieldErrors, busy, submit, showError }
}
