import { expect, type APIRequestContext, type Page } from '@playwright/test'

export const ADMIN = { email: 'admin@workmate-demo.de', password: 'workmate-demo' }
export const EMPLOYEE = { email: 'lena.becker@workmate-demo.de', password: 'workmate-demo' }
export const MANAGER = { email: 'thomas.berger@workmate-demo.de', password: 'workmate-demo' }
export const ARTIFACTS = 'e2e-artifacts'
export const COMPANY_ZONE = 'Europe/Berlin'

/** The server's clock. It may start at a chosen instant (scripts/e2e.sh, E2E_CLOCK_START), so
 * "now" and "today" in a browser test come from here, never from the machine running Node. */
export async function serverNow(request: APIRequestContext): Promise<Date> {
  const res = await request.get('/api/v1/health')
  expect(res.ok()).toBeTruthy()
  return new Date(((await res.json()) as { time: string }).time)
}

/** A calendar day in the company's zone as YYYY-MM-DD (what the UI and the server call today). */
export function companyDay(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: COMPANY_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant)
}

/** `day` (YYYY-MM-DD) moved by `days`, calendar arithmetic at noon UTC (no DST surprises). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

const synced = new WeakSet<Page>()

/** The browser's clock starts where the server's is and runs on from there (Playwright clock). */
export async function syncClock(page: Page): Promise<void> {
  if (synced.has(page)) return
  synced.add(page)
  await page.clock.install({ time: await serverNow(page.request) })
}

export async function login(page: Page, user: { email: string; password: string }, path = '/'): Promise<void> {
  await syncClock(page)
  await page.goto(path)
  const form = page.getByTestId('login-form')
  await expect(form).toBeVisible()
  await form.locator('input[name="email"]').fill(user.email)
  await form.locator('input[name="password"]').fill(user.password)
  await form.locator('button[type="submit"]').click()
  await expect(page.getByTestId('taskbar')).toBeVisible()
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click()
  await page.getByTestId('logout').click()
  await expect(page.getByTestId('login-form')).toBeVisible()
}

/** Start every test from an empty desktop so saved layouts from earlier tests don't interfere. */
export async function resetLayout(page: Page): Promise<void> {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'workmate_csrf')?.value ?? ''
  const res = await page.request.put('/api/v1/auth/me/layout', { data: { layout: {} }, headers: { 'X-CSRF-Token': csrf } })
  expect(res.ok()).toBeTruthy()
  // the URL hash may still deep-link the last focused window: start from the bare desktop
  await page.goto('about:blank')
  await page.goto('/')
  await expect(page.getByTestId('taskbar')).toBeVisible()
  await expect(page.locator('[data-testid="desktop"][data-layout-ready="true"]')).toBeVisible()
}

export function shot(name: string): { path: string; fullPage: boolean } {
  return { path: `${ARTIFACTS}/${name}.png`, fullPage: false }
}

export async function csrf(page: Page): Promise<Record<string, string>> {
  const token = (await page.context().cookies()).find((c) => c.name === 'workmate_csrf')?.value ?? ''
  return { 'X-CSRF-Token': token }
}

export async function apiJson<T>(request: APIRequestContext, method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, data?: unknown): Promise<T> {
  const res = await request.fetch(url, { method, headers, data })
  expect(res.ok(), `${method} ${url} -> ${res.status()} ${await res.text()}`).toBeTruthy()
  return (await res.json()) as T
}

/** Letterhead and bank details so the PDF and the e-invoice have a seller (unless demo data has them). */
export async function ensureLetterhead(page: Page): Promise<void> {
  const headers = await csrf(page)
  const settings = await apiJson<{ company_name: string | null }>(page.request, 'GET', '/api/v1/settings/company', headers)
  if (settings.company_name) return
  await apiJson(page.request, 'PATCH', '/api/v1/settings/company', headers, {
    company_name: 'Workmate Demo GmbH',
    street: 'Musterstraße 1',
    postcode: '10115',
    city: 'Berlin',
    vat_id: 'DE136695976',
    tax_number: '30/123/45678',
    register_court: 'Amtsgericht Berlin-Charlottenburg',
    register_number: 'HRB 123456',
    managing_directors: 'Katrin Vogel',
    email: 'rechnung@workmate-demo.de',
    phone: '+49 30 1234567',
    bank_holder: 'Workmate Demo GmbH',
    iban: 'DE89370400440532013000',
    bic: 'COBADEFFXXX',
    bank_name: 'Commerzbank',
    skonto_percent: '2',
    skonto_days: 10,
  })
}
