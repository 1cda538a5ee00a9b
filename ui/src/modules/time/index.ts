import type { AppDefinition } from '@/desktop/types'
import TimerWidget from './components/TimerWidget.vue'
import de from './i18n/de.json'
import en from './i18n/en.json'
import EntryList from './views/EntryList.vue'
import WeekApproval from './views/WeekApproval.vue'
import WeekGrid from './views/WeekGrid.vue'

const app: AppDefinition = {
  id: 'time',
  title: 'time.app',
  icon: 'M12 7v5l3 3M21 12a9 9 0 1 1-18 0 9 9 0 0 1 18 0z',
  color: 'bg-rose-600',
  permission: 'time.read_own',
  mainWindow: 'week',
  windows: {
    week: { component: WeekGrid, title: 'time.windows.week', instance: 'single', permission: 'time.write_own', width: 980, height: 560 },
    entries: { component: EntryList, title: 'time.windows.entries', instance: 'single', width: 1100, height: 620 },
    approval: { component: WeekApproval, title: 'time.windows.approval', instance: 'single', permission: 'time.approve', width: 900, height: 560 },
  },
  taskbarWidget: { component: TimerWidget, permission: 'time.write_own' },
  messages: { de, en },
}

export default app
