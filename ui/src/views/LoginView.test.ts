import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { i18n, setLocale } from '@/i18n'
import { api } from '@/api/client'
import LoginView from './LoginView.vue'

function problem(status: number, code: string, detail = 'server detail', params: Record<string, number> = {}): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 't', status, detail, code, params, request_id: 'r' }), {
    status,
    headers: { 'content-type': 'application/problem+json' },
  })
}

const me = {
  id: 1, email: 'admin@example.com', name: 'Admin', employee_number: 'E-0001', phone: null,
  role: { id: 1, name: 'Admin' }, department: null, permissions: ['system.admin'], language: 'de', theme: 'light', time_zone: 'Europe/Berlin',
}

describe('LoginView', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setLocale('de')
    window.matchMedia = vi.fn().mockReturnValue({ matches: false, addEventListener: vi.fn() })
  })

  function mountLogin() {
    return mount(LoginView, { global: { plugins: [i18n] } })
  }

  async function fill(wrapper: ReturnType<typeof mountLogin>) {
    await wrapper.find('input[name="email"]').setValue('admin@example.com')
    await wrapper.find('input[name="password"]').setValue('secret')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
  }

  it('shows a translated message for too many attempts', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(problem(429, 'too_many_attempts', 'slow down', { minutes: 12 }))
    const wrapper = mountLogin()
    await fill(wrapper)
    expect(wrapper.get('[data-testid="login-error"]').text()).toBe('Zu viele fehlgeschlagene Anmeldeversuche. Bitte versuchen Sie es in 12 Minuten erneut.')
    expect(wrapper.emitted('success')).toBeUndefined()
  })

  it('shows invalid credentials in English after switching language', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(problem(401, 'invalid_credentials'))
    const wrapper = mountLogin()
    const english = wrapper.findAll('button').find((b) => b.text() === 'English')!
    await english.trigger('click')
    expect(wrapper.text()).toContain('Sign in')
    await fill(wrapper)
    expect(wrapper.get('[data-testid="login-error"]').text()).toBe('E-mail or password is wrong.')
  })

  it('posts the credentials and emits success', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify({ user: me, csrf_token: 'c' }), { status: 200, headers: { 'content-type': 'application/json' } }),
    )
    const wrapper = mountLogin()
    await fill(wrapper)
    expect(fetchMock).toHaveBeenCalledOnce()
    const request = fetchMock.mock.calls[0]![0] as Request
    expect(request.method).toBe('POST')
    expect(new URL(request.url).pathname).toBe('/api/v1/auth/login')
    expect(await request.json()).toEqual({ email: 'admin@example.com', password: 'secret' })
    expect(wrapper.emitted('success')).toHaveLength(1)
    expect(i18n.global.locale.value).toBe('de')
    expect(api).toBeDefined()
  })
})
