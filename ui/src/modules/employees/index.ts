import type { AppDefinition } from '@/desktop/types'
import de from './i18n/de.json'
import en from './i18n/en.json'
import EmployeeList from './views/EmployeeList.vue'
import EmployeeDetail from './views/EmployeeDetail.vue'
import EmployeeForm from './views/EmployeeForm.vue'

const app: AppDefinition = {
  id: 'employees',
  title: 'employees.app',
  icon: 'M16 19v-1.5a3.5 3.5 0 0 0-3.5-3.5h-5A3.5 3.5 0 0 0 4 17.5V19M10 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM20 19v-1.5a3.5 3.5 0 0 0-2.5-3.35M15.5 4.15a3.5 3.5 0 0 1 0 6.7',
  color: 'bg-blue-600',
  permission: 'employees.read',
  mainWindow: 'list',
  windows: {
    list: { component: EmployeeList, title: 'employees.windows.list', instance: 'single', width: 900, height: 560 },
    detail: { component: EmployeeDetail, title: 'employees.windows.detail', instance: 'multi', width: 640, height: 600 },
    create: { component: EmployeeForm, title: 'employees.windows.create', instance: 'single', permission: 'employees.write', width: 640, height: 600 },
  },
  messages: { de, en },
}

export default app
