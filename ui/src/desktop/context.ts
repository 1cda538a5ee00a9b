/** What a window's content may use from the desktop: its own id, title, close, open other windows. */
import { inject, provide, type InjectionKey } from 'vue'
import { useDesktopStore } from './store'

export interface WindowContext {
  id: string
  setSubtitle(subtitle: string | null): void
  close(): void
  open(appId: string, windowKey?: string, recordId?: string | number | null): void
  notifyChanged(topic: string): void
  changeCount(topic: string): number
}

const KEY: InjectionKey<WindowContext> = Symbol('workmate-window')

export function provideWindowContext(id: string): WindowContext {
  const desktop = useDesktopStore()
  const ctx: WindowContext = {
    id,
    setSubtitle: (s) => desktop.setSubtitle(id, s),
    close: () => desktop.close(id),
    open: (appId, windowKey, recordId = null) => void desktop.open(appId, windowKey, recordId),
    notifyChanged: (topic) => desktop.notifyChanged(topic),
    changeCount: (topic) => desktop.changeCount(topic),
  }
  provide(KEY, ctx)
  return ctx
}

/** For window content. Outside a window (tests) returns a harmless stand-in. */
export function useWindow(): WindowContext {
  return (
    inject(KEY, null) ?? {
      id: 'detached',
      setSubtitle: () => {},
      close: () => {},
      open: () => {},
      notifyChanged: () => {},
      changeCount: () => 0,
    }
  )
}
