import type { AppDefinition } from '@/desktop/types'
import de from './i18n/de.json'
import en from './i18n/en.json'
import ProjectCreate from './views/ProjectCreate.vue'
import ProjectDetail from './views/ProjectDetail.vue'
import ProjectList from './views/ProjectList.vue'

const app: AppDefinition = {
  id: 'projects',
  title: 'projects.app',
  icon: 'M3 7a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v9a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2zM8 13h8M8 16h5',
  color: 'bg-indigo-600',
  permission: 'projects.read',
  mainWindow: 'list',
  windows: {
    list: { component: ProjectList, title: 'projects.windows.list', instance: 'single', width: 1040, height: 620 },
    project: { component: ProjectDetail, title: 'projects.windows.project', instance: 'multi', width: 900, height: 680 },
    create: { component: ProjectCreate, title: 'projects.windows.create', instance: 'single', permission: 'projects.write', width: 760, height: 640 },
  },
  actions: [{ id: 'new-project', title: 'projects.actions.newProject', permission: 'projects.write', run: (ctx) => ctx.open('projects', 'create') }],
  messages: { de, en },
}

export default app
