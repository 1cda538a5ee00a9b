import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { setUnauthorizedHandler } from './api/client'
import { i18n } from './i18n'
import { installModules } from './modules'
import { router } from './router'
import { applyTheme, useSessionStore } from './stores/session'
import './style.css'

installModules()
applyTheme('system')

const app = createApp(App)
const pinia = createPinia()
app.use(pinia).use(i18n).use(router)

setUnauthorizedHandler(() => {
  useSessionStore(pinia).clear()
  if (router.currentRoute.value.name !== 'login') void router.replace({ path: '/login' })
})

app.mount('#app')
