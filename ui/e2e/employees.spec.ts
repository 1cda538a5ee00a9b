import { expect, test } from '@playwright/test'
import { ADMIN, EMPLOYEE, login, logout, resetLayout, shot } from './helpers'

test.describe.configure({ mode: 'serial' })

const stamp = Date.now().toString(36)
const newEmail = `e2e.${stamp}@workmate-demo.de`

test('login screen shows a readable error for wrong credentials', async ({ page }) => {
  await page.goto('/')
  await page.screenshot(shot('01-login'))
  const form = page.getByTestId('login-form')
  await form.locator('input[name="email"]').fill(ADMIN.email)
  await form.locator('input[name="password"]').fill('definitely-wrong')
  await form.locator('button[type="submit"]').click()
  await expect(page.getByTestId('login-error')).toContainText(/falsch|Anmeldeversuche/)
})

test('admin creates, edits and validates an employee, then logs out', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  await expect(page.getByTestId('dock').locator('[data-app="admin"]')).toBeVisible()
  await page.screenshot(shot('02-desktop-empty'))

  // open Employees from the dock
  await page.getByTestId('dock').locator('[data-app="employees"]').click()
  const list = page.locator('[data-window="employees/list"]')
  await expect(list).toBeVisible()
  await expect(list.locator('tbody tr').first()).toBeVisible()
  await page.screenshot(shot('03-employee-list'))

  // search narrows the list
  await list.locator('input[name="q"]').fill('Lena')
  await expect(list.locator('tbody')).toContainText('Lena')

  // create
  await list.getByTestId('employee-new').click()
  const create = page.locator('[data-window="employees/create"]')
  await expect(create).toBeVisible()
  await create.locator('input[name="name"]').fill(`E2E Tester ${stamp}`)
  await create.locator('input[name="email"]').fill(newEmail)
  const roleSelect = create.locator('select[name="role_id"]')
  const roleOptions = await roleSelect.locator('option').allTextContents()
  const employeeRole = roleOptions.findIndex((o) => /Mitarbeit|Employee/i.test(o))
  await roleSelect.selectOption({ index: employeeRole >= 0 ? employeeRole : 1 })
  await page.screenshot(shot('04-employee-create'))
  await create.getByTestId('employee-save').click()

  const detail = page.locator('[data-window="employees/detail"][data-active="true"]')
  await expect(detail).toBeVisible()
  await expect(detail.getByTestId('employee-number')).not.toBeEmpty()
  await expect(page).toHaveURL(/#\/w\/employees\/detail\/[0-9a-f-]+$/)

  // edit
  await detail.locator('input[name="phone"]').fill('+49 30 1234567')
  await detail.locator('input[name="name"]').fill(`E2E Edited ${stamp}`)
  await detail.getByTestId('employee-save').click()
  await expect(page.locator('[data-toast="success"]').last()).toBeVisible()
  await expect(detail.locator('header h2')).toContainText(`E2E Edited ${stamp}`)
  await page.screenshot(shot('05-employee-detail'))

  // validation error: duplicate e-mail is shown next to the field
  await detail.locator('input[name="email"]').fill(EMPLOYEE.email)
  await detail.getByTestId('employee-save').click()
  const emailField = detail.locator('[data-field="email"]')
  await expect(emailField.locator('[role="alert"]')).toBeVisible()
  await expect(emailField.locator('input')).toHaveAttribute('aria-invalid', 'true')
  await page.screenshot(shot('06-employee-validation'))

  // malformed e-mail
  await detail.locator('input[name="email"]').fill('not-an-email')
  await detail.getByTestId('employee-save').click()
  await expect(emailField.locator('[role="alert"]')).toBeVisible()

  await logout(page)
})

test('employee-role user does not see Administration', async ({ page }) => {
  await login(page, EMPLOYEE)
  const dock = page.getByTestId('dock')
  await expect(dock.locator('[data-app="employees"]')).toBeVisible()
  await expect(dock.locator('[data-app="profile"]')).toBeVisible()
  await expect(dock.locator('[data-app="admin"]')).toHaveCount(0)
  await page.screenshot(shot('07-employee-user-desktop'))
  await logout(page)
})

test('deep link opens an employee window on that record', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  const res = await page.request.get('/api/v1/employees?q=Lena&limit=1')
  const body = (await res.json()) as { items: Array<{ id: string; name: string }> }
  const lena = body.items[0]!
  await page.goto(`/#/w/employees/detail/${lena.id}`)
  const win = page.locator(`[data-window="employees/detail"][data-record="${lena.id}"]`)
  await expect(win).toBeVisible()
  await expect(win.locator('input[name="name"]')).toHaveValue(lena.name)
  await page.screenshot(shot('08-deep-link'))
})

test('deep link survives the login redirect', async ({ page }) => {
  const loginPage = await page.goto('/#/w/profile/profile')
  expect(loginPage?.ok()).toBeTruthy()
  const form = page.getByTestId('login-form')
  await form.locator('input[name="email"]').fill(ADMIN.email)
  await form.locator('input[name="password"]').fill(ADMIN.password)
  await form.locator('button[type="submit"]').click()
  await expect(page.locator('[data-window="profile/profile"]')).toBeVisible()
})

test('command palette opens an app and a record', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  await expect(page.getByTestId('taskbar')).toBeVisible()
  await page.keyboard.press('Control+k')
  const palette = page.getByTestId('command-palette')
  await expect(palette).toBeVisible()
  await palette.locator('input').fill('Verwalt')
  await page.screenshot(shot('09-command-palette'))
  await page.keyboard.press('Enter')
  await expect(palette).toHaveCount(0)
  await expect(page.locator('[data-window="admin/departments"]')).toBeVisible()
  await page.screenshot(shot('10-admin-departments'))

  await page.keyboard.press('Control+k')
  await palette.locator('input').fill('Lena')
  await expect(palette.locator('[role="option"]').first()).toBeVisible()
  await palette.locator('[role="option"]', { hasText: 'Lena' }).first().click()
  await expect(page.locator('[data-window="employees/detail"]')).toBeVisible()

  // Esc closes the palette, Alt+W closes the focused window
  await page.keyboard.press('Control+k')
  await expect(palette).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(palette).toHaveCount(0)
  await page.keyboard.press('Alt+w')
  await expect(page.locator('[data-window="employees/detail"]')).toHaveCount(0)
})

test('window layout is restored after reload', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  await page.getByTestId('dock').locator('[data-app="profile"]').click()
  const win = page.locator('[data-window="profile/profile"]')
  await expect(win).toBeVisible()
  const bar = win.getByTestId('window-titlebar')
  const box = (await bar.boundingBox())!
  await page.mouse.move(box.x + 120, box.y + 15)
  await page.mouse.down()
  await page.mouse.move(box.x + 320, box.y + 115, { steps: 5 })
  await page.mouse.up()
  const moved = (await win.boundingBox())!
  await page.screenshot(shot('11-profile'))
  await page.waitForTimeout(1500) // debounced save
  await page.reload()
  await expect(win).toBeVisible()
  const restored = (await win.boundingBox())!
  expect(Math.abs(restored.x - moved.x)).toBeLessThan(3)
  expect(Math.abs(restored.y - moved.y)).toBeLessThan(3)
})
