/** App registry: modules register apps here; the desktop reads from it. */
import type { AppDefinition, WindowDefinition } from './types'

const apps = new Map<string, AppDefinition>()

export function registerApp(app: AppDefinition): void {
  apps.set(app.id, app)
}

export function clearApps(): void {
  apps.clear()
}

export function allApps(): AppDefinition[] {
  return [...apps.values()]
}

export function findApp(id: string): AppDefinition | undefined {
  return apps.get(id)
}

export function findWindow(appId: string, windowKey: string): WindowDefinition | undefined {
  return apps.get(appId)?.windows[windowKey]
}
