import { createRouter, createWebHashHistory } from 'vue-router'
import { useSessionStore } from '@/stores/session'

export const router = createRouter({
  history: createWebHashHistory('/'),
  routes: [
    { path: '/login', name: 'login', component: () => import('@/views/LoginPage.vue'), meta: { public: true } },
    { path: '/', name: 'desktop', component: () => import('@/desktop/DesktopView.vue') },
    { path: '/w/:app/:window/:id?', name: 'window', component: () => import('@/desktop/DesktopView.vue') },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})

router.beforeEach(async (to) => {
  const session = useSessionStore()
  if (!session.checked) await session.fetchMe()
  if (to.meta.public) return session.me && to.name === 'login' ? '/' : true
  if (!session.me) return { path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  return true
})
