/** The signed-in user, permissions, language and theme. App-wide, so a Pinia setup store. */
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from '@/api/client'
import type { Me, MeUpdate, Theme } from '@/api/types'
import { setLocale } from '@/i18n'

export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const checked = ref(false)
  const permissions = computed(() => new Set(me.value?.permissions ?? []))

  function can(permission: string | string[] | undefined): boolean {
    if (!permission) return true
    const wanted = Array.isArray(permission) ? permission : [permission]
    if (permissions.value.has('system.admin')) return true
    return wanted.some((p) => permissions.value.has(p))
  }

  function apply(user: Me): void {
    me.value = user
    setLocale(user.language)
    applyTheme(user.theme)
  }

  async function fetchMe(): Promise<Me | null> {
    try {
      const { data } = await api.GET('/api/v1/auth/me')
      if (data) apply(data)
      return data ?? null
    } catch {
      me.value = null
      return null
    } finally {
      checked.value = true
    }
  }

  async function login(email: string, password: string): Promise<Me> {
    const { data } = await api.POST('/api/v1/auth/login', { body: { email, password } })
    if (!data) throw new Error('empty login response')
    apply(data.user)
    checked.value = true
    return data.user
  }

  async function logout(all = false): Promise<void> {
    try {
      if (all) await api.POST('/api/v1/auth/logout-all')
      else await api.POST('/api/v1/auth/logout')
    } finally {
      me.value = null
    }
  }

  async function update(patch: MeUpdate): Promise<Me> {
    const { data } = await api.PATCH('/api/v1/auth/me', { body: patch })
    if (!data) throw new Error('empty response')
    apply(data)
    return data
  }

  function clear(): void {
    me.value = null
  }

  return { me, checked, can, fetchMe, login, logout, update, clear, apply }
})

let media: MediaQueryList | null = null
let currentTheme: Theme = 'system'

function paint(): void {
  const dark = currentTheme === 'dark' || (currentTheme === 'system' && !!media?.matches)
  document.documentElement.classList.toggle('dark', dark)
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light'
}

/** Tailwind's `dark:` variant is bound to the `dark` class on <html>. */
export function applyTheme(theme: Theme): void {
  currentTheme = theme
  if (!media && typeof window.matchMedia === 'function') {
    media = window.matchMedia('(prefers-color-scheme: dark)')
    media.addEventListener('change', paint)
  }
  paint()
}
