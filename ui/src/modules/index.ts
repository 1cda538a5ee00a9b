/** The list of installed modules. Each registers its own app; they never import each other. */
import { registerApp } from '@/desktop/registry'
import type { AppDefinition } from '@/desktop/types'
import { mergeModuleMessages } from '@/i18n'
import employees from './employees'
import crm from './crm'
import admin from './admin'
import profile from './profile'
import projects from './projects'
import time from './time'
import invoices from './invoices'
import documents from './documents'

export const modules: AppDefinition[] = [employees, crm, projects, time, invoices, documents, admin, profile]

export function installModules(): void {
  for (const app of modules) {
    registerApp(app)
    if (app.messages) mergeModuleMessages(app.messages)
  }
}
