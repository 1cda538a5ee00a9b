import type { AppDefinition } from '@/desktop/types'
import de from './i18n/de.json'
import en from './i18n/en.json'
import CrmDashboard from './views/CrmDashboard.vue'
import CustomerCreate from './views/CustomerCreate.vue'
import CustomerDetail from './views/CustomerDetail.vue'
import CustomerList from './views/CustomerList.vue'
import CsvImport from './views/CsvImport.vue'

const app: AppDefinition = {
  id: 'crm',
  title: 'crm.app',
  icon: 'M3 21h18M5 21V5a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v16M9 7h2M13 7h2M9 11h2M13 11h2M10 21v-4h4v4',
  color: 'bg-emerald-600',
  permission: 'customers.read',
  mainWindow: 'dashboard',
  windows: {
    dashboard: { component: CrmDashboard, title: 'crm.windows.dashboard', instance: 'single', width: 960, height: 640 },
    customers: { component: CustomerList, title: 'crm.windows.customers', instance: 'single', width: 1000, height: 600 },
    customer: { component: CustomerDetail, title: 'crm.windows.customer', instance: 'multi', width: 820, height: 660 },
    create: { component: CustomerCreate, title: 'crm.windows.create', instance: 'single', permission: 'customers.write', width: 760, height: 640 },
    import: { component: CsvImport, title: 'crm.windows.import', instance: 'single', permission: 'customers.write', width: 900, height: 620 },
  },
  actions: [{ id: 'new-customer', title: 'crm.actions.newCustomer', permission: 'customers.write', run: (ctx) => ctx.open('crm', 'create') }],
  messages: { de, en },
}

export default app
