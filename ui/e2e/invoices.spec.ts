import { execFileSync } from 'node:child_process'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { ADMIN, addDays, apiJson, companyDay, csrf, ensureLetterhead, login, resetLayout, serverNow, shot } from './helpers'

test.describe.configure({ mode: 'serial' })

const stamp = Date.now().toString(36)
const customerName = `E2E Rechnungskunde ${stamp} GmbH`

// Months in the company's zone on the server's clock (see helpers.serverNow).
const lastMonth = { from: '', to: '' }
const thisMonth = { from: '', to: '' }
test.beforeAll(async ({ request }) => {
  const today = companyDay(await serverNow(request))
  thisMonth.from = `${today.slice(0, 8)}01`
  thisMonth.to = today
  lastMonth.to = addDays(thisMonth.from, -1)
  lastMonth.from = `${lastMonth.to.slice(0, 8)}01`
})

interface ProjectRow {
  id: string
  number: string
  title: string
  customer: { name: string } | null
}

/**
 * A demo project with approved, billable, not yet invoiced time: last month (the wizard's
 * default) or else this month (the demo already bills most of last month).
 */
async function billableProject(page: Page): Promise<{ project: ProjectRow; range: { from: string; to: string } }> {
  const headers = await csrf(page)
  const projects = await apiJson<{ items: ProjectRow[] }>(page.request, 'GET', '/api/v1/projects?status=active&status=completed&status=on_hold&limit=200&sort=-number', headers)
  for (const range of [lastMonth, thisMonth]) {
    for (const project of projects.items) {
      const res = await page.request.post('/api/v1/invoices/from-time/preview', { headers, data: { project_id: project.id, date_from: range.from, date_to: range.to, grouping: 'task_type' } })
      expect(res.ok(), `preview ${project.number}: ${res.status()} ${await res.text()}`).toBeTruthy()
      if (((await res.json()) as { lines: unknown[] }).lines.length > 0) return { project, range }
    }
  }
  throw new Error('the demo data has no project with approved, billable, uninvoiced time')
}

function germanAmount(value: string): string {
  return new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(value))
}

async function openInvoices(page: Page): Promise<Locator> {
  await page.getByTestId('dock').locator('[data-app="invoices"]').click()
  const dashboard = page.locator('[data-window="invoices/dashboard"]')
  await expect(dashboard.getByTestId('invoice-dashboard')).toBeVisible()
  await expect(dashboard.locator('[data-kpi="revenue"]')).not.toContainText('…')
  return dashboard
}

test('invoice from time entries: finalize, PDF, partial and full payment', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  await ensureLetterhead(page)
  const { project, range } = await billableProject(page)

  const dashboard = await openInvoices(page)
  await dashboard.getByTestId('dashboard-from-time').click()
  const wizard = page.locator('[data-window="invoices/fromTime"]')
  await wizard.locator('[data-field="project_id"] select').selectOption({ label: `${project.number} · ${project.title} (${project.customer?.name ?? ''})` })
  // by default all approved, unbilled time up to today
  await expect(wizard.locator('input[name="date_from"]')).toHaveValue('')
  await expect(wizard.locator('input[name="date_to"]')).toHaveValue(thisMonth.to)
  await wizard.locator('input[name="date_from"]').fill(range.from)
  await wizard.locator('input[name="date_to"]').fill(range.to)
  await expect(wizard.getByTestId('preview-line').first()).toBeVisible()
  await expect(wizard.getByTestId('preview-net')).toContainText('€')
  await page.screenshot(shot('70-invoice-from-time'))
  await wizard.getByTestId('from-time-create').click()

  const editor = page.locator('[data-window="invoices/invoice"]')
  await expect(editor.getByTestId('invoice-editor')).toHaveAttribute('data-status', 'draft')
  await expect(editor.getByTestId('line-row').first()).toBeVisible()
  await expect(editor.getByTestId('gross-total')).toContainText('€')
  await expect(page).toHaveURL(/#\/w\/invoices\/invoice\/[0-9a-f-]{36}/)
  const invoiceId = (await editor.getByTestId('invoice-editor').getAttribute('data-invoice-id')) ?? ''
  expect(invoiceId).not.toBe('')
  await page.locator('[data-window="invoices/invoice"] [data-action="maximize"]').click()

  // header fields save on their own: 2 % Skonto within 10 days for this invoice
  await editor.locator('input[name="skonto_percent"]').fill('2')
  await editor.locator('input[name="skonto_percent"]').blur()
  await expect(editor.locator('[data-field="skonto_days"] [role="alert"]')).toBeVisible()
  await editor.locator('input[name="skonto_days"]').fill('10')
  await editor.locator('input[name="skonto_days"]').blur()
  await expect(editor.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')

  await editor.getByTestId('invoice-check').click()
  await expect(editor.getByTestId('findings')).toHaveAttribute('data-ok', 'true')
  await page.screenshot(shot('71-invoice-editor'))

  await editor.getByTestId('invoice-finalize').click()
  await page.getByTestId('confirm-finalize').click()
  await expect(editor.getByTestId('invoice-editor')).toHaveAttribute('data-status', 'finalized')
  await expect(editor.getByTestId('invoice-number')).toHaveText(/^RE-\d{4}-\d+/)
  const number = (await editor.getByTestId('invoice-number').textContent())?.trim() ?? ''

  // after finalizing the editor shows the PDF tab
  await expect(editor.getByTestId('pdf-preview')).toHaveAttribute('data-loaded', 'true', { timeout: 20_000 })
  await expect(editor.getByTestId('pdf-frame')).toHaveAttribute('src', /^blob:/)
  await page.waitForTimeout(800)
  await page.screenshot(shot('72-invoice-pdf'))

  const headers = await csrf(page)
  const invoice = await apiJson<{ gross_total: string }>(page.request, 'GET', `/api/v1/invoices/${invoiceId}`, headers)
  const pdf = await page.request.get(`/api/v1/invoices/${invoiceId}/pdf`)
  expect(pdf.ok()).toBeTruthy()
  const bytes = await pdf.body()
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: bytes }).toString('utf-8')
  expect(text).toContain(number)
  expect(text).toContain(germanAmount(invoice.gross_total))

  await editor.locator('[data-tab="payments"]').click()
  const payments = editor.getByTestId('payments')
  await expect(payments.getByTestId('skonto-hint')).toContainText('Skonto')
  await payments.getByTestId('payment-add').click()
  const form = page.getByTestId('payment-form')
  await form.locator('input[name="amount"]').fill('1000')
  await page.getByTestId('payment-save').click()
  await expect(editor.getByTestId('invoice-status')).toHaveText('Teilweise bezahlt')
  await expect(payments.getByTestId('payment-row')).toHaveCount(1)
  await page.screenshot(shot('73-invoice-payments'))

  await payments.getByTestId('payment-add').click()
  // the form proposes the outstanding amount
  await expect(form.locator('input[name="amount"]')).not.toHaveValue('')
  await page.getByTestId('payment-save').click()
  await expect(editor.getByTestId('invoice-status')).toHaveText('Bezahlt')
  await expect(payments.getByTestId('outstanding')).toContainText('0,00')

  await editor.locator('[data-tab="history"]').click()
  await expect(editor.locator('[data-action="finalized"]')).toBeVisible()
  await expect(editor.locator('[data-action="payment_added"]')).toHaveCount(2)
})

test('manual invoice: lines, finalize, cancel with a credit note', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  await ensureLetterhead(page)
  const customer = await apiJson<{ id: string }>(page.request, 'POST', '/api/v1/customers', await csrf(page), { name: customerName, city: 'Leipzig', postcode: '04109', street: 'Markt 1' })

  const dashboard = await openInvoices(page)
  await page.screenshot(shot('74-invoice-dashboard'))
  await dashboard.getByTestId('dashboard-open-list').click()
  const list = page.locator('[data-window="invoices/list"]')
  await expect(list.getByTestId('invoice-list')).toBeVisible()
  await list.getByTestId('new-invoice').click()

  const create = page.locator('[data-window="invoices/create"]')
  await create.locator('input[name="customer_search"]').fill(stamp)
  await create.locator(`[data-customer="${customerName}"]`).click()
  await create.getByTestId('create-submit').click()

  const editor = page.locator('[data-window="invoices/invoice"]')
  await expect(editor.getByTestId('invoice-editor')).toHaveAttribute('data-status', 'draft')
  const invoiceId = (await editor.getByTestId('invoice-editor').getAttribute('data-invoice-id')) ?? ''

  // finalizing without lines is refused with a readable reason
  await editor.getByTestId('invoice-finalize').click()
  await page.getByTestId('confirm-finalize').click()
  await expect(page.getByTestId('finalize-errors')).toBeVisible()
  await page.keyboard.press('Escape')

  await editor.getByTestId('line-add').click()
  const row = editor.getByTestId('line-row').first()
  await expect(row).toBeVisible()
  await row.locator('textarea[name="description"]').fill('Workshop Prozessanalyse')
  await row.locator('textarea[name="description"]').blur()
  await row.locator('input[name="quantity"]').fill('2')
  await row.locator('input[name="quantity"]').blur()
  await row.locator('input[name="unit_price"]').fill('450')
  await row.locator('input[name="unit_price"]').blur()
  await expect(row.getByTestId('line-net')).toHaveText(/900,00\s€/)
  await expect(editor.getByTestId('gross-total')).toHaveText(/1\.071,00\s€/)
  await expect(editor.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')

  // the check points at the missing service date
  await editor.getByTestId('invoice-check').click()
  await expect(editor.getByTestId('findings')).toHaveAttribute('data-ok', 'false')
  await editor.locator('input[name="service_date"]').fill(thisMonth.to)
  await editor.locator('input[name="service_date"]').blur()
  await expect(editor.getByTestId('save-state')).toHaveAttribute('data-state', 'saved')
  await editor.getByTestId('invoice-check').click()
  await expect(editor.getByTestId('findings')).toHaveAttribute('data-ok', 'true')

  await editor.getByTestId('invoice-finalize').click()
  await page.getByTestId('confirm-finalize').click()
  await expect(editor.getByTestId('invoice-editor')).toHaveAttribute('data-status', 'finalized')
  const number = (await editor.getByTestId('invoice-number').textContent())?.trim() ?? ''

  await list.click({ position: { x: 400, y: 10 } })
  await page.locator('[data-window="invoices/list"] [data-action="maximize"]').click()
  await expect(list.getByTestId('list-totals')).toBeVisible()
  await page.screenshot(shot('75-invoice-list'))
  await list.locator('input[name="q"]').fill(number)
  await expect(list.locator('tbody tr')).toHaveCount(1)
  await expect(list.locator(`[data-number="${number}"]`)).toBeVisible()
  await list.getByTestId('row-select').first().check()
  await list.getByTestId('bulk-mark-sent').click()
  await expect(page.getByTestId('bulk-results').locator('[data-ok="true"]')).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(list.getByTestId('invoice-status')).toHaveText('Versendet')
  await list.getByTestId('row-select').first().check()
  await list.getByTestId('bulk-zip').click()
  await expect(page.getByTestId('zip-job')).toHaveAttribute('data-job-status', 'succeeded', { timeout: 20_000 })
  const download = page.waitForEvent('download')
  await page.getByTestId('zip-download').click()
  expect((await download).suggestedFilename()).toMatch(/\.zip$/)
  await page.keyboard.press('Escape')
  await page.locator('[data-window="invoices/list"] [data-action="close"]').click()

  const original = page.locator(`[data-window="invoices/invoice"]:has([data-invoice-id="${invoiceId}"])`)
  await original.getByTestId('invoice-cancel').click()
  await page.locator('textarea[name="reason"]').fill('Doppelt berechnet')
  await page.getByTestId('confirm-cancel').click()

  const credit = page.locator(`[data-window="invoices/invoice"]:not(:has([data-invoice-id="${invoiceId}"]))`)
  await expect(credit.getByTestId('invoice-number')).toHaveText(/^GS-\d{4}-\d+/)
  await expect(credit.locator('[data-link="cancels"]')).toContainText(number)
  await expect(original.getByTestId('invoice-status')).toHaveText('Storniert')
  await expect(original.locator('[data-link="cancelled-by"]')).toBeVisible()

  const headers = await csrf(page)
  const after = await apiJson<{ status: string; cancelled_by: { name: string } | null }>(page.request, 'GET', `/api/v1/invoices/${invoiceId}`, headers)
  expect(after.status).toBe('cancelled')
  expect(after.cancelled_by?.name).toMatch(/^GS-/)

  // the customer's Invoices tab lists both documents and opens them in the Invoices app
  await page.goto(`/#/w/crm/customer/${customer.id}`)
  const detail = page.locator('[data-window="crm/customer"]')
  await detail.locator('[data-tab="invoices"]').click()
  await expect(detail.getByTestId('invoices-tab').locator('tbody tr')).toHaveCount(2)
  await expect(detail.getByTestId('invoices-tab')).toContainText('Storniert')
})
