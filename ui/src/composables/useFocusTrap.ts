/**
 * Focus for modal and popover surfaces (WAI-ARIA dialog pattern): when `active` turns on, focus
 * moves to the first focusable element inside `container` (or the container itself); with
 * `trap`, Tab and Shift+Tab cycle inside it; when `active` turns off, focus returns to the
 * element that had it before, if that is still in the page.
 */
import { nextTick, onBeforeUnmount, watch, type Ref } from 'vue'

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',')

export function focusableIn(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden]') && el.getAttribute('aria-hidden') !== 'true')
}

/** Focus the first focusable element (preferring one marked `data-autofocus`), else the container. */
export function focusFirst(container: HTMLElement): void {
  const preferred = container.querySelector<HTMLElement>('[data-autofocus]')
  const target = preferred ?? focusableIn(container)[0] ?? container
  if (target === container && !container.hasAttribute('tabindex')) container.setAttribute('tabindex', '-1')
  target.focus({ preventScroll: false })
}

export function useFocusTrap(container: Ref<HTMLElement | null>, active: Ref<boolean>, options: { trap?: boolean } = {}): void {
  let returnTo: HTMLElement | null = null

  function onKey(event: KeyboardEvent): void {
    const el = container.value
    if (!el || event.key !== 'Tab') return
    const items = focusableIn(el)
    if (items.length === 0) {
      event.preventDefault()
      return
    }
    const first = items[0] as HTMLElement
    const last = items[items.length - 1] as HTMLElement
    const current = document.activeElement
    if (event.shiftKey && (current === first || !el.contains(current))) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && (current === last || !el.contains(current))) {
      event.preventDefault()
      first.focus()
    }
  }

  watch(
    active,
    async (on, was) => {
      if (on && !was) {
        returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null
        await nextTick()
        if (container.value) focusFirst(container.value)
        if (options.trap) document.addEventListener('keydown', onKey, true)
      } else if (!on && was) {
        document.removeEventListener('keydown', onKey, true)
        const target = returnTo
        returnTo = null
        await nextTick()
        if (target && target.isConnected) target.focus()
      }
    },
    { immediate: true },
  )

  onBeforeUnmount(() => {
    document.removeEventListener('keydown', onKey, true)
    if (returnTo?.isConnected) returnTo.focus()
  })
}
