import { expect, test } from '@playwright/test'
import { ADMIN, EMPLOYEE, login, resetLayout, shot } from './helpers'

test.describe.configure({ mode: 'serial' })

test('dark mode, roles editor and API token secret', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await login(page, ADMIN)
  await resetLayout(page)
  await expect(page.locator('html')).toHaveClass(/dark/)

  await page.getByTestId('dock').locator('[data-app="employees"]').click()
  await expect(page.locator('[data-window="employees/list"] tbody tr').first()).toBeVisible()
  await page.screenshot(shot('20-dark-employees'))

  await page.getByTestId('dock').locator('[data-app="admin"]').click()
  await page.locator('[data-window="admin/departments"] [data-tab="roles"]').click()
  const roles = page.locator('[data-window="admin/roles"]')
  await expect(roles).toBeVisible()
  await roles.locator('aside button').first().click()
  await expect(roles.locator('[data-module="employees"]')).toBeVisible()
  await page.screenshot(shot('21-dark-roles'))

  await page.getByTestId('dock').locator('[data-app="profile"]').click()
  await page.getByTestId('open-tokens').click()
  const tokens = page.locator('[data-window="profile/tokens"]')
  await tokens.locator('input[name="name"]').fill('E2E script')
  await tokens.getByTestId('token-create').click()
  await expect(page.getByTestId('token-secret')).not.toBeEmpty()
  await page.screenshot(shot('22-dark-token-secret'))
})

test('department delete with members shows the translated conflict', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  await page.getByTestId('dock').locator('[data-app="admin"]').click()
  const win = page.locator('[data-window="admin/departments"]')
  await win.locator('tbody tr', { hasText: 'Entwicklung' }).click()
  await page.getByTestId('department-delete').click()
  await page.getByTestId('confirm-delete').click()
  await expect(page.locator('[data-toast="error"]')).toContainText('Mitarbeitende')
})

test('language switch in My profile changes the UI live', async ({ page }) => {
  await login(page, EMPLOYEE)
  await resetLayout(page)
  await page.getByTestId('dock').locator('[data-app="profile"]').click()
  const profile = page.locator('[data-window="profile/profile"]')
  await profile.locator('select[name="language"]').selectOption({ label: 'English' })
  await expect(profile.locator('header h2')).toHaveText('My profile')
  await page.screenshot(shot('23-profile-english'))
  await profile.locator('select[name="language"]').selectOption({ label: 'Deutsch' })
  await expect(profile.locator('header h2')).toHaveText('Mein Profil')
})

test('narrow screens show full-screen panels with an app switcher', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 })
  await login(page, ADMIN)
  await resetLayout(page)
  await page.screenshot(shot('30-mobile-home'))
  await page.getByTestId('dock').locator('[data-app="employees"]').click()
  const list = page.locator('[data-window="employees/list"]')
  await expect(list).toBeVisible()
  const box = (await list.boundingBox())!
  expect(box.width).toBeGreaterThanOrEqual(389)
  await list.locator('tbody tr').first().click()
  await expect(page.locator('[data-window="employees/detail"]')).toBeVisible()
  await expect(list).toBeHidden()
  await page.screenshot(shot('31-mobile-detail'))
  await page.getByTestId('mobile-switcher').selectOption({ index: 0 })
  await expect(list).toBeVisible()
})
