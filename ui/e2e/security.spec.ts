import { expect, test, type Page } from '@playwright/test'
import { ADMIN, MANAGER, login, resetLayout, shot } from './helpers'

test.describe.configure({ mode: 'serial' })

/** Every Content-Security-Policy complaint the browser reports while `work` runs. */
async function cspViolations(page: Page, work: () => Promise<void>): Promise<string[]> {
  const seen: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) seen.push(message.text())
  })
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to apply: Content Security Policy ${e.violatedDirective} ${e.blockedURI}`))
  })
  await work()
  return seen
}

test('the built UI runs under its strict Content-Security-Policy', async ({ page, request }) => {
  const home = await request.get('/')
  const policy = home.headers()['content-security-policy'] ?? ''
  expect(policy).toContain("script-src 'self'")
  expect(policy).not.toContain('unsafe-inline')
  expect(policy).not.toContain('unsafe-eval')
  expect(home.headers()['server']).toBeUndefined()
  // No inline script or event handler in the page itself: everything comes from /assets.
  const html = await home.text()
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i)
  expect(html).not.toMatch(/\son[a-z]+\s*=/i)
  const api = await request.get('/api/v1/health')
  expect(api.headers()['cache-control']).toBe('no-store')

  const violations = await cspViolations(page, async () => {
    await login(page, ADMIN)
    await resetLayout(page)
    for (const app of ['employees', 'projects', 'time', 'crm', 'invoices', 'admin', 'profile']) {
      await page.getByTestId('dock').locator(`[data-app="${app}"]`).click()
      await expect(page.locator(`[data-window^="${app}/"]`).first()).toBeVisible()
    }
    // The dashboard's charts (canvas, script-set styles) and a PDF preview (a blob: frame).
    await page.locator('[data-window="invoices/dashboard"]').getByTestId('dashboard-open-list').click()
    const list = page.locator('[data-window="invoices/list"]')
    await list.locator('tbody tr', { hasText: /RE-\d{4}/ }).first().click()
    const editor = page.locator('[data-window="invoices/invoice"]')
    await editor.locator('[data-tab="pdf"]').click()
    await expect(editor.getByTestId('pdf-preview')).toHaveAttribute('data-loaded', 'true', { timeout: 20_000 })
  })
  expect(violations).toEqual([])
})

test('API tokens: read-only or chosen permissions, always with an expiry', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  await page.getByTestId('dock').locator('[data-app="profile"]').click()
  await page.getByTestId('open-tokens').click()
  const tokens = page.locator('[data-window="profile/tokens"]')
  await expect(tokens.locator('input[name="expires_in_days"]')).toHaveValue('90')
  await tokens.locator('input[name="expires_in_days"]').fill('400')
  await expect(tokens.locator('[data-field="expires_in_days"] [role="alert"]')).toBeVisible()
  await expect(tokens.getByTestId('token-create')).toBeDisabled()
  await tokens.locator('input[name="expires_in_days"]').fill('30')

  await tokens.locator('input[name="name"]').fill('E2E Leser')
  await tokens.getByTestId('token-access').selectOption({ label: 'Nur lesen' })
  await tokens.getByTestId('token-create').click()
  await expect(page.getByTestId('token-secret')).toContainText('wm_')
  await page.keyboard.press('Escape')
  await expect(tokens.locator('[data-token="E2E Leser"] [data-testid="token-access-cell"]')).toHaveText('Nur lesen')

  await tokens.locator('input[name="name"]').fill('E2E Export')
  await tokens.getByTestId('token-access').selectOption({ label: 'Ausgewählte Rechte' })
  await tokens.getByTestId('token-scopes').locator('[data-scope="customers.read"] input').check()
  await tokens.getByTestId('token-scopes').locator('[data-scope="invoices.read"] input').check()
  await page.screenshot(shot('24-token-scopes'))
  await tokens.getByTestId('token-create').click()
  await expect(page.getByTestId('token-secret')).toContainText('wm_')
  await page.keyboard.press('Escape')
  await expect(tokens.locator('[data-token="E2E Export"] [data-testid="token-access-cell"]')).toHaveText('2 ausgewählte Rechte')
})

test('management cannot make itself admin or take over an administrator', async ({ page }) => {
  await login(page, MANAGER)
  await resetLayout(page)
  await page.getByTestId('dock').locator('[data-app="employees"]').click()
  const list = page.locator('[data-window="employees/list"]')
  await list.locator('tbody tr', { hasText: 'Thomas Berger' }).click()
  const detail = page.locator('[data-window="employees/detail"]')
  await detail.locator('[data-field="role_id"] select').selectOption({ label: 'Administration' })
  await detail.getByTestId('employee-save').click()
  await expect(detail.locator('[data-field="role_id"] [role="alert"]')).toContainText('Berechtigungen, die Sie selbst nicht haben')
  await page.screenshot(shot('25-no-self-promotion'))
  await detail.locator('[data-action="close"]').click()

  // Setting the administrator's password (to sign in as them) is refused, readably.
  await list.locator('tbody tr', { hasText: 'Administration' }).first().click()
  const admin = page.locator('[data-window="employees/detail"]')
  await admin.getByTestId('employee-password').click()
  await page.locator('input[name="new_password"]').fill('Ein-ganz-neues-Kennwort-2026')
  await page.getByTestId('password-save').click()
  await expect(page.locator('[data-toast="error"]')).toContainText('mehr Rechte als Sie')
})
