/**
 * What an office manager trips over first (issue 13): the desktop's stacking and focus, German
 * messages with their numbers, the command palette, cancelling a paid invoice, the phone week.
 * Data is seeded through the API; where the day matters the browser clock is fixed.
 */
import { expect, test, type Page } from '@playwright/test'
import { ADMIN, apiJson, csrf, EMPLOYEE, ensureLetterhead, login, resetLayout, shot } from './helpers'

test.describe.configure({ mode: 'serial' })

const stamp = Date.now().toString(36)

interface Invoice {
  id: string
  number: string | null
  gross_total: string
}

/** A finalized 100 € + 19 % invoice of a fresh customer with a contact person. */
async function seedInvoice(page: Page, label: string): Promise<Invoice> {
  await ensureLetterhead(page)
  const headers = await csrf(page)
  const customer = await apiJson<{ id: string }>(page.request, 'POST', '/api/v1/customers', headers, {
    name: `E2E ${label} ${stamp} GmbH`,
    street: 'Königstraße 12',
    postcode: '70173',
    city: 'Stuttgart',
  })
  const contact = await apiJson<{ id: string }>(page.request, 'POST', `/api/v1/customers/${customer.id}/contacts`, headers, { name: 'Anna Weber', salutation: 'ms', academic_title: 'Dr.' })
  const today = new Date()
  const draft = await apiJson<Invoice>(page.request, 'POST', '/api/v1/invoices', headers, {
    customer_id: customer.id,
    contact_id: contact.id,
    service_date: `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`,
    lines: [{ description: 'Beratung', quantity: '1', unit_code: 'HUR', unit_price: '100.00' }],
  })
  return apiJson<Invoice>(page.request, 'POST', `/api/v1/invoices/${draft.id}/finalize`, headers)
}

function boxesOverlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

test('the timer popover stays above any number of windows; a timer under a minute is discarded visibly', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  const dock = page.getByTestId('dock')
  for (const app of ['invoices', 'crm', 'projects', 'time', 'employees']) {
    await dock.locator(`[data-app="${app}"]`).click()
  }
  // raise the windows again and again (from the taskbar): their stacking numbers grow past any
  // fixed z-index the taskbar's popover could have
  const entries = page.locator('[data-taskbar-window]')
  const count = await entries.count()
  expect(count).toBeGreaterThanOrEqual(5)
  for (let round = 0; round < 40; round++) await entries.nth(round % count).click()
  await expect(page.locator('[data-window][data-active="true"]')).toHaveCount(1)

  const widget = page.getByTestId('timer-widget')
  await expect(widget.locator('[data-testid="timer-running"], [data-testid="timer-start-open"]').first()).toBeVisible()
  if (await widget.getByTestId('timer-running').isVisible()) await widget.getByTestId('timer-stop').click()
  await widget.getByTestId('timer-start-open').click()
  const popover = page.getByTestId('timer-popover')
  await expect(popover).toBeVisible()
  // the project search has the focus, and the popover is what the pointer hits at its centre
  await expect(popover.getByTestId('project-search')).toBeFocused()
  const onTop = await popover.evaluate((el) => {
    const r = el.getBoundingClientRect()
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
    return !!hit && el.contains(hit)
  })
  expect(onTop).toBe(true)
  await popover.locator('[role="option"]').first().click()
  await page.screenshot(shot('80-timer-popover-over-windows'))
  await popover.getByTestId('timer-start').click()
  await expect(widget.getByTestId('timer-running')).toBeVisible()
  // stopped within its first minute: nothing recorded, and the user is told so
  await widget.getByTestId('timer-stop').click()
  await expect(page.locator('[data-toast="info"]')).toContainText('weniger als eine Minute')
  await expect(widget.getByTestId('timer-start-open')).toBeVisible()
})

test('dialogs take the focus, keep it and give it back', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  await page.getByTestId('dock').locator('[data-app="projects"]').click()
  const list = page.locator('[data-window="projects/list"]')
  // opened from the dock, the window has the focus
  await expect.poll(() => list.evaluate((el) => el.contains(document.activeElement))).toBe(true)
  await list.locator('tbody tr').first().click()
  const detail = page.locator('[data-window="projects/project"]')
  await expect(detail.getByTestId('project-actions')).toBeVisible()
  await expect(detail.getByTestId('project-actions')).toBeInViewport()
  const opener = detail.getByTestId('project-delete')
  await opener.focus()
  await opener.press('Enter')
  const dialog = page.locator('[role="dialog"][aria-modal="true"]')
  await expect(dialog).toBeVisible()
  await expect.poll(() => dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true)
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab')
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true)
  }
  await page.screenshot(shot('81-dialog-focus'))
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(opener).toBeFocused()
})

test('the command palette finds an invoice by number and offers commands', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  const invoice = await seedInvoice(page, 'Palette')
  const number = invoice.number ?? ''
  await page.keyboard.press('Control+k')
  const palette = page.getByTestId('command-palette')
  await expect(palette).toBeVisible()
  await palette.locator('input').fill(number)
  const hit = palette.locator(`[data-entry^="rec:invoice:${invoice.id}"]`)
  await expect(hit).toBeVisible()
  await expect(palette.locator('[role="option"]').first()).toHaveAttribute('data-entry', new RegExp(`^rec:invoice:${invoice.id}`))
  await expect(hit).toContainText('Rechnung')
  await page.screenshot(shot('82-palette-invoice'))
  await page.keyboard.press('Enter')
  const editor = page.locator(`[data-window="invoices/invoice"][data-record="${invoice.id}"]`)
  await expect(editor.getByTestId('document-view')).toBeVisible()
  // opened from the palette, the window has the focus
  await expect.poll(() => editor.evaluate((el) => el.contains(document.activeElement))).toBe(true)
  // a finalized document reads like one: German dates, no lock glyph box, no form fields
  const view = editor.getByTestId('document-view')
  await expect(view.getByTestId('document-buyer')).toContainText('Dr. Anna Weber')
  await expect(view).not.toContainText(/\d{4}-\d{2}-\d{2}/)
  await expect(view.locator('input, textarea, select')).toHaveCount(0)
  await expect(view.getByTestId('document-lines')).toContainText('1,00')
  await expect(view.getByTestId('document-lines')).toContainText('Std.')
  await page.screenshot(shot('83-document-view'))

  await page.keyboard.press('Control+k')
  await palette.locator('input').fill('neue rechnung')
  const action = palette.locator('[data-entry="action:invoices:new-invoice"]')
  await expect(action).toBeVisible()
  await action.click()
  await expect(page.locator('[data-window="invoices/create"]')).toBeVisible()
})

test('errors are German, with their amounts in German format', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  const invoice = await seedInvoice(page, 'Fehlertexte')
  await page.goto(`/#/w/invoices/invoice/${invoice.id}`)
  const editor = page.locator(`[data-window="invoices/invoice"][data-record="${invoice.id}"]`)
  await editor.locator('[data-tab="payments"]').click()
  await editor.getByTestId('payment-add').click()
  const form = page.getByTestId('payment-form')
  await form.locator('input[name="amount"]').fill('500')
  await page.getByTestId('payment-save').click()
  await expect(form.locator('[data-field="amount"] [role="alert"]')).toHaveText('Offen sind höchstens 119,00 €.')
  await form.locator('input[name="amount"]').fill('-5')
  await page.getByTestId('payment-save').click()
  await expect(form.locator('[data-field="amount"] [role="alert"]')).toHaveText('Darf nicht negativ sein.')
  await page.screenshot(shot('84-error-amount'))
  await page.keyboard.press('Escape')

  await page.goto('/#/w/admin/settings')
  const settings = page.getByTestId('company-settings')
  await expect(settings.locator('input[name="postcode"]')).not.toHaveValue('')
  await settings.locator('input[name="postcode"]').fill('1234')
  await settings.locator('input[name="skonto_percent"]').fill('150')
  await settings.getByTestId('settings-save').click()
  await expect(settings.locator('[data-field="skonto_percent"] [role="alert"]')).toHaveText('Muss kleiner als 100 sein.')
  await settings.locator('input[name="skonto_percent"]').fill('2')
  await settings.getByTestId('settings-save').click()
  await expect(settings.locator('[data-field="postcode"] [role="alert"]')).toHaveText('Eine Postleitzahl hat hier fünf Ziffern, z. B. 12345.')
  await page.screenshot(shot('85-error-postcode'))
})

test('a paid invoice is cancelled with the payments explained; the Stornorechnung refunds them', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  const invoice = await seedInvoice(page, 'Storno')
  const headers = await csrf(page)
  const today = new Date()
  await apiJson(page.request, 'POST', `/api/v1/invoices/${invoice.id}/payments`, headers, {
    amount: '119.00',
    paid_on: `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`,
  })
  await page.goto(`/#/w/invoices/invoice/${invoice.id}`)
  const editor = page.locator(`[data-window="invoices/invoice"][data-record="${invoice.id}"]`)
  await expect(editor.getByTestId('invoice-status')).toHaveText('Bezahlt')
  await editor.getByTestId('invoice-cancel').click()
  await expect(page.getByTestId('cancel-effect')).toContainText('bereits 119,00 € gezahlt')
  await expect(page.getByTestId('cancel-effect')).toContainText('Erstattung')
  await page.screenshot(shot('86-cancel-paid-invoice'))
  await page.getByTestId('confirm-cancel').click()

  const credit = page.locator(`[data-window="invoices/invoice"]:not([data-record="${invoice.id}"])`)
  await expect(credit.getByTestId('document-view')).toBeVisible()
  await expect(credit).toContainText('Stornorechnung')
  await expect(credit.getByTestId('refund')).toContainText('119,00 €')
  await page.screenshot(shot('87-credit-note-view'))
  const creditId = (await credit.getAttribute('data-record')) ?? ''
  const pdf = await page.request.get(`/api/v1/invoices/${creditId}/pdf`)
  expect(pdf.ok()).toBeTruthy()
})

test('on a phone the week grid shows one day with large fields, and toasts leave the switcher free', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await login(page, EMPLOYEE) // installs the browser clock at the server's time
  // A Wednesday far from today's data; the days are the company zone's (Europe/Berlin).
  await page.clock.setFixedTime(new Date('2027-02-17T10:00:00+01:00'))
  await resetLayout(page)
  await page.getByTestId('dock').locator('[data-app="time"]').click()
  const grid = page.locator('[data-window="time/week"] [data-testid="week-grid"]')
  await expect(grid).toHaveAttribute('data-layout', 'day')
  await expect(grid.locator('[data-day="2027-02-17"]')).toHaveAttribute('aria-selected', 'true')
  // (a second run against the same server finds the week submitted: take it back first)
  await expect(grid.locator('[data-week-status]')).toBeVisible()
  if (await grid.getByTestId('week-withdraw').isVisible()) await grid.getByTestId('week-withdraw').click()
  await grid.getByTestId('grid-add-project').click()
  await grid.locator('[role="option"]').first().click()
  const cell = grid.locator('[data-cell="2027-02-17"]').first()
  await expect(cell).toBeVisible()
  const box = (await cell.boundingBox())!
  expect(box.height).toBeGreaterThanOrEqual(44)
  await cell.fill('1:30')
  await cell.press('Enter')
  await expect(grid.getByTestId('day-total')).toHaveText('1:30')
  await expect(cell).toHaveValue('1:30')
  // another day by its button, then back
  await grid.locator('[data-day="2027-02-18"]').click()
  await expect(grid.getByTestId('day-total')).toHaveText('0:00')
  await grid.getByTestId('day-prev').click()
  await expect(grid.getByTestId('day-total')).toHaveText('1:30')
  await page.screenshot(shot('88-phone-week-day'))
  // a toast sits in its own strip: it covers neither the app switcher nor the window's buttons
  await page.locator('[data-window="time/week"]').getByTestId('week-submit').click()
  const toast = page.locator('[data-toast="success"]')
  await expect(toast).toBeVisible()
  const toastBox = (await toast.boundingBox())!
  expect(boxesOverlap(toastBox, (await page.getByTestId('mobile-switcher').boundingBox())!)).toBe(false)
  expect(boxesOverlap(toastBox, (await page.getByTestId('taskbar').boundingBox())!)).toBe(false)
  expect(boxesOverlap(toastBox, (await page.locator('[data-window="time/week"]').boundingBox())!)).toBe(false)
  await page.screenshot(shot('88b-phone-toast'))
})

test('screens at desktop size and at 390 px', async ({ page }) => {
  await login(page, ADMIN)
  for (const [name, app, win] of [
    ['89-project-detail', 'projects', 'list'],
    ['90-invoice-list', 'invoices', 'list'],
    ['91-company-settings', 'admin', 'settings'],
    ['92-roles', 'admin', 'roles'],
  ] as const) {
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 800 ? 900 : 844 })
      await resetLayout(page)
      await page.goto(`/#/w/${app}/${win}`)
      const window = page.locator(`[data-window="${app}/${win}"]`)
      await expect(window).toBeVisible()
      if (name === '89-project-detail') {
        await window.locator('tbody tr').first().click()
        await expect(page.locator('[data-window="projects/project"] [data-testid="project-actions"]')).toBeInViewport()
      }
      await page.waitForTimeout(300)
      await page.screenshot(shot(`${name}-${width}`))
    }
  }
  // the invoice list's default order shows on its column
  await page.setViewportSize({ width: 1440, height: 900 })
  await resetLayout(page)
  await page.goto('/#/w/invoices/list')
  await expect(page.locator('[data-window="invoices/list"] [data-sort="created_at"] [data-direction="desc"]')).toBeVisible()
})
