import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { defineComponent } from 'vue'
import { clearApps, registerApp } from './registry'
import { useDesktopStore } from './store'

const Dummy = defineComponent({ template: '<div />' })

function setup() {
  setActivePinia(createPinia())
  clearApps()
  registerApp({
    id: 'people',
    title: 'people.app',
    icon: '',
    color: 'bg-blue-600',
    mainWindow: 'list',
    windows: {
      list: { component: Dummy, title: 'people.list', instance: 'single', width: 600, height: 400 },
      detail: { component: Dummy, title: 'people.detail', instance: 'multi' },
      secret: { component: Dummy, title: 'people.secret', instance: 'single', permission: 'secret.read' },
    },
  })
  const store = useDesktopStore()
  store.setViewport(1200, 800)
  return store
}

describe('desktop store', () => {
  beforeEach(() => {
    setup()
  })

  it('opens the main window and focuses it', () => {
    const store = useDesktopStore()
    const id = store.open('people')
    expect(id).not.toBeNull()
    expect(store.windows).toHaveLength(1)
    expect(store.windows[0]).toMatchObject({ appId: 'people', windowKey: 'list', width: 600, height: 400 })
    expect(store.focused?.id).toBe(id)
  })

  it('refuses unknown apps and windows', () => {
    const store = useDesktopStore()
    expect(store.open('nope')).toBeNull()
    expect(store.open('people', 'nope')).toBeNull()
    expect(store.windows).toHaveLength(0)
  })

  it('keeps single-instance windows single and multi windows one per record', () => {
    const store = useDesktopStore()
    const a = store.open('people', 'list')
    const b = store.open('people', 'list')
    expect(a).toBe(b)
    const d1 = store.open('people', 'detail', 1)
    const d1again = store.open('people', 'detail', '1')
    const d2 = store.open('people', 'detail', 2)
    expect(d1).toBe(d1again)
    expect(d2).not.toBe(d1)
    expect(store.windows).toHaveLength(3)
  })

  it('focus raises z-order; minimise removes from focus; taskbar toggles', () => {
    const store = useDesktopStore()
    const a = store.open('people', 'list')!
    const b = store.open('people', 'detail', 7)!
    expect(store.focused?.id).toBe(b)
    store.focus(a)
    expect(store.focused?.id).toBe(a)
    store.minimize(a)
    expect(store.focused?.id).toBe(b)
    store.toggleFromTaskbar(a)
    expect(store.focused?.id).toBe(a)
    store.toggleFromTaskbar(a)
    expect(store.windows.find((w) => w.id === a)?.minimized).toBe(true)
  })

  it('maximises and restores; move/resize are ignored while maximised and clamped otherwise', () => {
    const store = useDesktopStore()
    const id = store.open('people', 'list')!
    store.toggleMaximize(id)
    expect(store.windows[0]!.maximized).toBe(true)
    store.move(id, 500, 500)
    expect(store.windows[0]!.x).not.toBe(500)
    store.toggleMaximize(id)
    store.move(id, -50, 100)
    expect(store.windows[0]).toMatchObject({ x: 0, y: 100 })
    store.resize(id, 10, 5000)
    expect(store.windows[0]).toMatchObject({ width: 320, height: 800 })
  })

  it('closes windows, including the focused one', () => {
    const store = useDesktopStore()
    const a = store.open('people', 'list')!
    store.open('people', 'detail', 3)
    store.closeFocused()
    expect(store.windows.map((w) => w.id)).toEqual([a])
    store.close(a)
    expect(store.windows).toHaveLength(0)
    expect(store.focused).toBeNull()
  })

  it('honours the permission guard', () => {
    const store = useDesktopStore()
    store.setGuard((_app, win) => win !== 'secret')
    expect(store.open('people', 'secret')).toBeNull()
    expect(store.open('people', 'list')).not.toBeNull()
  })

  it('opens the first allowed window when the main window is not allowed', () => {
    const store = useDesktopStore()
    store.setGuard((_app, win) => win !== 'list')
    const id = store.open('people')
    expect(id).not.toBeNull()
    expect(store.windows.find((w) => w.id === id)?.windowKey).not.toBe('list')
    store.setGuard(() => false)
    expect(store.open('people')).toBeNull()
  })

  it('serialises and restores a layout, dropping unknown or forbidden windows', () => {
    const store = useDesktopStore()
    const a = store.open('people', 'list')!
    store.move(a, 100, 120)
    store.open('people', 'detail', 42)
    store.focus(a)
    const layout = store.serialize()
    expect(layout.version).toBe(1)
    expect(layout.windows.map((w) => w.windowKey)).toEqual(['detail', 'list'])
    expect(layout.windows[1]).toMatchObject({ x: 100, y: 120, recordId: null })

    const json = JSON.parse(JSON.stringify({
      ...layout,
      windows: [...layout.windows, { ...layout.windows[0]!, appId: 'gone' }, { ...layout.windows[0]!, windowKey: 'secret', z: 99 }],
    }))
    store.reset()
    store.setGuard((_app, win) => win !== 'secret')
    store.restore(json)
    expect(store.windows.map((w) => `${w.windowKey}:${w.recordId}`)).toEqual(['detail:42', 'list:null'])
    expect(store.focused?.windowKey).toBe('list')
  })

  it('ignores malformed layouts', () => {
    const store = useDesktopStore()
    store.open('people')
    store.restore({ version: 2, windows: 'x' })
    expect(store.windows).toHaveLength(0)
    store.restore(null)
    expect(store.windows).toHaveLength(0)
  })

  it('cycles focus through windows and counts change notifications', () => {
    const store = useDesktopStore()
    const a = store.open('people', 'list')!
    const b = store.open('people', 'detail', 1)!
    store.cycle()
    expect(store.focused?.id).toBe(a)
    store.cycle()
    expect(store.focused?.id).toBe(b)
    expect(store.changeCount('people')).toBe(0)
    store.notifyChanged('people')
    expect(store.changeCount('people')).toBe(1)
  })
})
