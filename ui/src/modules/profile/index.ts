import type { AppDefinition } from '@/desktop/types'
import de from './i18n/de.json'
import en from './i18n/en.json'
import ProfileWindow from './views/ProfileWindow.vue'
import TokensWindow from './views/TokensWindow.vue'

const app: AppDefinition = {
  id: 'profile',
  title: 'profile.app',
  icon: 'M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2M12 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z',
  color: 'bg-emerald-600',
  mainWindow: 'profile',
  windows: {
    profile: { component: ProfileWindow, title: 'profile.windows.profile', instance: 'single', width: 640, height: 620 },
    tokens: { component: TokensWindow, title: 'profile.windows.tokens', instance: 'single', permission: 'api_tokens.use', width: 760, height: 480 },
  },
  messages: { de, en },
}

export default app
