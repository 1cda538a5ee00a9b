import type { AppDefinition } from '@/desktop/types'
import de from './i18n/de.json'
import en from './i18n/en.json'
import CategoriesWindow from './views/CategoriesWindow.vue'
import DocumentDetail from './views/DocumentDetail.vue'
import DocumentList from './views/DocumentList.vue'

const app: AppDefinition = {
  id: 'documents',
  title: 'documents.app',
  icon: 'M4 4a2 2 0 0 1 2-2h7l5 5v13a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2zM13 2v5h5M8 13h8M8 17h5',
  color: 'bg-teal-600',
  permission: 'documents.read',
  mainWindow: 'list',
  windows: {
    list: { component: DocumentList, title: 'documents.windows.list', instance: 'single', width: 1100, height: 680 },
    document: { component: DocumentDetail, title: 'documents.windows.document', instance: 'multi', width: 980, height: 720 },
    categories: { component: CategoriesWindow, title: 'documents.windows.categories', instance: 'single', permission: 'system.admin', width: 720, height: 560 },
  },
  messages: { de, en },
}

export default app
