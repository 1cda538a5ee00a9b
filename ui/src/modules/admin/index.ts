import type { AppDefinition } from '@/desktop/types'
import de from './i18n/de.json'
import en from './i18n/en.json'
import DepartmentsWindow from './views/DepartmentsWindow.vue'
import RolesWindow from './views/RolesWindow.vue'
import CompanySettingsWindow from './views/CompanySettingsWindow.vue'

const app: AppDefinition = {
  id: 'admin',
  title: 'admin.app',
  icon: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z',
  color: 'bg-slate-600',
  // Administration is for people who manage structure or roles; reading departments alone is not enough.
  permission: ['departments.write', 'roles.read'],
  mainWindow: 'departments',
  windows: {
    departments: { component: DepartmentsWindow, title: 'admin.windows.departments', instance: 'single', permission: ['departments.read'], width: 760, height: 520 },
    roles: { component: RolesWindow, title: 'admin.windows.roles', instance: 'single', permission: 'roles.read', width: 900, height: 600 },
    settings: { component: CompanySettingsWindow, title: 'admin.windows.settings', instance: 'single', permission: 'system.admin', width: 720, height: 620 },
  },
  messages: { de, en },
}

export default app
