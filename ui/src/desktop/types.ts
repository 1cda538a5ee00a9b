import type { Component } from 'vue'

export interface WindowDefinition {
  /** Component rendered inside the window; receives `recordId` (string | null) as a prop. */
  component: Component
  /** i18n key of the window title. */
  title: string
  /** single: at most one window of this kind; multi: one per record (or unlimited without record). */
  instance: 'single' | 'multi'
  /** Extra permission(s) on top of the app's; any one suffices. */
  permission?: string | string[]
  width?: number
  height?: number
}

/** What an action of the command palette may do. */
export interface ActionContext {
  open(appId: string, windowKey?: string, recordId?: string | number | null): void
  /** Shows the outcome (translated text) as a toast. */
  notify(kind: 'success' | 'error' | 'info', message: string): void
  /** Tells open windows that data of `topic` changed (they reload). */
  notifyChanged(topic: string): void
  /** The translated text of an API error. */
  errorText(error: unknown): string
  t(key: string, values?: Record<string, unknown>): string
}

/** A command of the palette ("Neue Rechnung", "Timer starten", "Woche einreichen"). */
export interface AppAction {
  id: string
  /** i18n key of its name. */
  title: string
  /** Any one of these permissions shows the action (on top of the app's). */
  permission?: string | string[]
  /** More words it is found by (i18n key of a space-separated list). */
  keywords?: string
  run(ctx: ActionContext): void | Promise<void>
}

export interface AppDefinition {
  id: string
  /** i18n key */
  title: string
  /** SVG path data (24x24 viewBox, stroke icon). */
  icon: string
  /** Tailwind background class for the dock tile. */
  color: string
  /** Any one of these permissions shows the app. */
  permission?: string | string[]
  /** Window opened from the dock. */
  mainWindow: string
  windows: Record<string, WindowDefinition>
  /** Commands the palette offers. */
  actions?: AppAction[]
  /** Optional widget the taskbar renders (e.g. a timer), shown when the user has `permission`. */
  taskbarWidget?: { component: Component; permission?: string | string[] }
  /** Module translations, merged into the global messages. */
  messages?: { de: Record<string, unknown>; en: Record<string, unknown> }
}

export interface WindowState {
  id: string
  appId: string
  windowKey: string
  recordId: string | null
  x: number
  y: number
  width: number
  height: number
  z: number
  minimized: boolean
  maximized: boolean
  /** Dynamic title (e.g. the record's name) set by the window content. */
  subtitle: string | null
}

export interface SavedLayout {
  version: 1
  windows: Array<Omit<WindowState, 'id' | 'subtitle'>>
}
