import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { defineComponent, nextTick, ref } from 'vue'
import BaseDialog from './BaseDialog.vue'

const Host = defineComponent({
  components: { BaseDialog },
  setup() {
    const open = ref(false)
    return { open }
  },
  template: `
    <div>
      <button id="opener" @click="open = true">Öffnen</button>
      <BaseDialog v-model:open="open" title="Wirklich?">
        <input id="first" />
        <template #footer><button id="last">OK</button></template>
      </BaseDialog>
    </div>`,
})

async function settle(): Promise<void> {
  await nextTick()
  await nextTick()
}

describe('BaseDialog', () => {
  it('moves the focus in, keeps it there and gives it back on Esc', async () => {
    const wrapper = mount(Host, { attachTo: document.body })
    const opener = document.getElementById('opener') as HTMLButtonElement
    opener.focus()
    await wrapper.get('#opener').trigger('click')
    await settle()
    const dialog = document.querySelector('[role="dialog"]') as HTMLElement
    expect(dialog.getAttribute('aria-modal')).toBe('true')
    expect(dialog.getAttribute('aria-labelledby')).toBeTruthy()
    expect(document.activeElement?.id).toBe('first')
    // Tab from the last element wraps to the first, Shift+Tab from the first to the last
    ;(document.getElementById('last') as HTMLElement).focus()
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true }))
    expect(document.activeElement?.id).toBe('first')
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true }))
    expect(document.activeElement?.id).toBe('last')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await settle()
    expect(document.querySelector('[role="dialog"]')).toBeNull()
    expect(document.activeElement).toBe(opener)
    wrapper.unmount()
  })
})
