import { expect, type Page } from '@playwright/test'

export const ADMIN = { email: 'admin@workmate-demo.de', password: 'workmate-demo' }
export const EMPLOYEE = { email: 'lena.becker@workmate-demo.de', password: 'workmate-demo' }
export const ARTIFACTS = 'e2e-artifacts'

export async function login(page: Page, user: { email: string; password: string }, path = '/'): Promise<void> {
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
