import type { AppDefinition } from '@/desktop/types'
import de from './i18n/de.json'
import en from './i18n/en.json'
import FromTimeWizard from './views/FromTimeWizard.vue'
import InvoiceCreate from './views/InvoiceCreate.vue'
import InvoiceDashboard from './views/InvoiceDashboard.vue'
import InvoiceEditor from './views/InvoiceEditor.vue'
import InvoiceList from './views/InvoiceList.vue'

const app: AppDefinition = {
  id: 'invoices',
  title: 'invoices.app',
  icon: 'M7 3h8l4 4v13a1 1 0 0 1-1 1H7a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zM15 3v4h4M9 12h6M9 16h6M9 8h3',
  color: 'bg-amber-600',
  permission: 'invoices.read',
  mainWindow: 'dashboard',
  windows: {
    dashboard: { component: InvoiceDashboard, title: 'invoices.windows.dashboard', instance: 'single', width: 1040, height: 700 },
    list: { component: InvoiceList, title: 'invoices.windows.list', instance: 'single', width: 1300, height: 660 },
    invoice: { component: InvoiceEditor, title: 'invoices.windows.invoice', instance: 'multi', width: 1100, height: 740 },
    create: { component: InvoiceCreate, title: 'invoices.windows.create', instance: 'single', permission: 'invoices.write', width: 560, height: 420 },
    fromTime: { component: FromTimeWizard, title: 'invoices.windows.fromTime', instance: 'single', permission: 'invoices.write', width: 900, height: 640 },
  },
  actions: [
    { id: 'new-invoice', title: 'invoices.actions.newInvoice', permission: 'invoices.write', keywords: 'invoices.actions.newInvoiceWords', run: (ctx) => ctx.open('invoices', 'create', 'invoice') },
    { id: 'new-quote', title: 'invoices.actions.newQuote', permission: 'invoices.write', run: (ctx) => ctx.open('invoices', 'create', 'quote') },
    { id: 'from-time', title: 'invoices.actions.fromTime', permission: 'invoices.write', run: (ctx) => ctx.open('invoices', 'fromTime') },
  ],
  messages: { de, en },
}

export default app
