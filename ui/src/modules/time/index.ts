import { api } from '@/api/client'
import type { ActionContext, AppDefinition } from '@/desktop/types'
import { mondayOf } from './composables/timeMath'
import TimerWidget from './components/TimerWidget.vue'
import de from './i18n/de.json'
import en from './i18n/en.json'
import EntryList from './views/EntryList.vue'
import WeekApproval from './views/WeekApproval.vue'
import WeekGrid from './views/WeekGrid.vue'

/** Submits the current week (Monday of today, in the browser's calendar) and says how it went. */
async function submitThisWeek(ctx: ActionContext): Promise<void> {
  try {
    await api.POST('/api/v1/time-entries/weeks/{week_start}/submit', { params: { path: { week_start: mondayOf(new Date()) } } })
    ctx.notify('success', ctx.t('time.week.submitDone'))
    ctx.notifyChanged('time-entries')
    ctx.open('time', 'week')
  } catch (e) {
    ctx.notify('error', ctx.errorText(e))
  }
}

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
  actions: [
    {
      id: 'start-timer',
      title: 'time.actions.startTimer',
      permission: 'time.write_own',
      keywords: 'time.actions.startTimerWords',
      // the taskbar's timer opens its popover (project and description), focused
      run: () => void window.dispatchEvent(new CustomEvent('workmate:timer-start')),
    },
    { id: 'submit-week', title: 'time.actions.submitWeek', permission: 'time.write_own', keywords: 'time.actions.submitWeekWords', run: submitThisWeek },
  ],
  taskbarWidget: { component: TimerWidget, permission: 'time.write_own' },
  messages: { de, en },
}

export default app
