import { expect, test, type Page } from '@playwright/test'
import { ADMIN, EMPLOYEE, addDays, companyDay, login, logout, resetLayout, serverNow, shot } from './helpers'

test.describe.configure({ mode: 'serial' })

const stamp = Date.now().toString(36)
const projectTitle = `E2E Zeitprojekt ${stamp}`
let projectId = ''

// "Today" is the company's day on the server's clock (make test also runs these tests against a
// server started at Sunday 23:30 UTC and New Year's Eve 23:30 UTC: already tomorrow in Berlin).
let todayIso = ''
let mondayIso = ''
test.beforeAll(async ({ request }) => {
  todayIso = companyDay(await serverNow(request))
  const weekday = (new Date(`${todayIso}T12:00:00Z`).getUTCDay() + 6) % 7
  mondayIso = addDays(todayIso, -weekday)
})

async function stopRunningTimer(page: Page) {
  const widget = page.getByTestId('timer-widget')
  await expect(widget).toBeVisible()
  // wait for the first poll to settle
  await expect(widget.locator('[data-testid="timer-running"], [data-testid="timer-start-open"]').first()).toBeVisible()
  if (await widget.getByTestId('timer-running').isVisible()) {
    await widget.getByTestId('timer-stop').click()
    await expect(widget.getByTestId('timer-start-open')).toBeVisible()
  }
}

test('admin creates a project for a customer with lead and member @dates', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)

  await page.getByTestId('dock').locator('[data-app="projects"]').click()
  const list = page.locator('[data-window="projects/list"]')
  await expect(list.locator('tbody tr').first()).toBeVisible()
  await list.locator('[data-view="board"]').click()
  await expect(list.getByTestId('project-board').locator('[data-column="active"]')).toBeVisible()
  await page.screenshot(shot('60-projects-board'))
  await list.locator('[data-view="table"]').click()

  await list.getByTestId('project-new').click()
  const create = page.locator('[data-window="projects/create"]')
  await expect(create).toBeVisible()
  // required fields are checked before sending
  await create.getByTestId('project-save').click()
  await expect(create.locator('[data-field="title"] [role="alert"]')).toBeVisible()

  await create.locator('input[name="title"]').fill(projectTitle)
  await create.locator('input[name="customer_search"]').click()
  const firstCustomer = create.locator('[data-customer]').first()
  await expect(firstCustomer).toBeVisible()
  await firstCustomer.click()
  await expect(create.getByTestId('customer-selected')).not.toBeEmpty()
  await create.locator('[data-field="lead_id"] select').selectOption({ label: 'Jonas Hoffmann' })
  await create.locator('input[name="hourly_rate"]').fill('95,50')
  await create.locator('input[name="budget_hours"]').fill('40')
  await create.locator('[data-field="status"] select').selectOption({ label: 'Aktiv' })
  await page.screenshot(shot('61-project-create'))
  await create.getByTestId('project-save').click()

  const detail = page.locator('[data-window="projects/project"]')
  await expect(detail.getByTestId('project-status')).toHaveAttribute('data-status', 'active')
  await expect(page).toHaveURL(/#\/w\/projects\/project\/[0-9a-f-]{36}/)
  projectId = /project\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? ''
  expect(projectId).not.toBe('')

  await detail.locator('[data-tab="members"]').click()
  await detail.locator('[data-field="member"] select').selectOption({ label: 'Lena Becker' })
  await detail.getByTestId('member-add').click()
  await expect(detail.locator('[data-member="Lena Becker"]')).toBeVisible()
  await detail.locator('[data-tab="stats"]').click()
  await expect(detail.getByTestId('stats-tab').locator('canvas').first()).toBeVisible()
})

test('employee times the project, fills the week grid and submits the week @dates', async ({ page }) => {
  expect(projectId).not.toBe('')
  await login(page, EMPLOYEE)
  await resetLayout(page)
  await stopRunningTimer(page)

  const widget = page.getByTestId('timer-widget')
  await widget.getByTestId('timer-start-open').click()
  const popover = page.getByTestId('timer-popover')
  await popover.getByTestId('project-search').fill(stamp)
  await popover.locator('[role="option"]').filter({ hasText: projectTitle }).click()
  await popover.locator('input[name="description"]').fill('Konzept')
  await popover.getByTestId('timer-start').click()
  await expect(widget.getByTestId('timer-running')).toContainText(projectTitle)
  await expect(widget.getByTestId('timer-elapsed')).not.toHaveText('0:00:00')
  await expect(widget.getByTestId('timer-elapsed')).toHaveText(/^0:00:0[2-9]$/, { timeout: 8000 })
  await page.screenshot(shot('62-timer-running'))
  await widget.getByTestId('timer-stop').click()
  await expect(widget.getByTestId('timer-start-open')).toBeVisible()

  await page.getByTestId('dock').locator('[data-app="time"]').click()
  const grid = page.locator('[data-window="time/week"]')
  await expect(grid.getByTestId('week-grid')).toBeVisible()
  const row = grid.locator(`[data-row="${projectId}"]`)
  if (!(await row.isVisible())) {
    await grid.getByTestId('grid-add-project').click()
    await grid.getByTestId('project-search').fill(stamp)
    await grid.locator('[role="option"]').filter({ hasText: projectTitle }).click()
  }
  await expect(row).toBeVisible()
  const cell = row.locator(`[data-cell="${todayIso}"]`)
  await cell.fill('abc')
  await cell.press('Enter')
  await expect(cell).toHaveAttribute('aria-invalid', 'true')
  await cell.fill('1,5')
  await cell.press('Enter')
  await expect(row.locator('[data-row-total]')).toHaveText('1:30')
  await expect(cell).toHaveValue('1:30')
  await page.screenshot(shot('63-week-grid'))

  await grid.getByTestId('week-submit').click()
  await expect(grid.locator('[data-week-status]')).toHaveAttribute('data-week-status', 'submitted')

  await grid.getByTestId('open-entries').click()
  const entries = page.locator('[data-window="time/entries"]')
  await expect(entries.getByTestId('entry-sums')).toBeVisible()
  const first = entries.locator('tbody tr').filter({ hasText: projectTitle }).first()
  await expect(first.locator('[data-status="submitted"]')).toBeVisible()
  await first.click()
  await expect(page.getByTestId('entry-locked')).toBeVisible()
  await page.screenshot(shot('64-entries'))
  await page.keyboard.press('Escape')
  await logout(page)
})

test('admin approves the submitted week @dates', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  await page.goto('/#/w/time/approval')
  const approval = page.locator('[data-window="time/approval"]')
  await expect(approval.getByTestId('week-approval')).toBeVisible()
  const row = approval.locator('tbody tr').filter({ hasText: 'Lena Becker' }).filter({ has: page.locator(`[data-week="${mondayIso}"]`) })
  await expect(row).toBeVisible()
  await row.click()
  const dialog = page.getByTestId('approval-dialog')
  await expect(dialog).toContainText(projectTitle)
  await page.screenshot(shot('65-approval'))
  // rejecting needs a comment
  await page.getByTestId('week-reject').click()
  await expect(dialog.locator('[role="alert"]')).toBeVisible()
  await page.getByTestId('week-approve').click()
  await expect(row).toHaveCount(0)
})
