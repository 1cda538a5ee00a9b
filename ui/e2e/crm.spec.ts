import { expect, test, type Page } from '@playwright/test'
import { ADMIN, companyDay, login, resetLayout, serverNow, shot } from './helpers'

test.describe.configure({ mode: 'serial' })

const stamp = Date.now().toString(36)
const customerName = `E2E Kundin ${stamp} GmbH`
const contactName = `Zora Quellhaus ${stamp}`
const importName = `Importwerk ${stamp} KG`

function csvFile(name: string, lines: string[]) {
  return { name, mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n') + '\r\n', 'utf-8') }
}

async function openCustomerList(page: Page) {
  await page.getByTestId('dock').locator('[data-app="crm"]').click()
  const dashboard = page.locator('[data-window="crm/dashboard"]')
  await expect(dashboard).toBeVisible()
  await dashboard.getByTestId('dashboard-open-list').click()
  const list = page.locator('[data-window="crm/customers"]')
  await expect(list.locator('tbody tr').first()).toBeVisible()
  return list
}

test('customer with contact and call, found by contact name, archived and restored', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)

  await page.getByTestId('dock').locator('[data-app="crm"]').click()
  const dashboard = page.locator('[data-window="crm/dashboard"]')
  await expect(dashboard.locator('[data-kpi="customers"]')).not.toContainText('…')
  await expect(dashboard.locator('canvas')).toBeVisible()
  await expect(dashboard.getByTestId('dashboard-activity').first()).toBeVisible()
  await page.screenshot(shot('40-crm-dashboard'))

  await dashboard.getByTestId('dashboard-open-list').click()
  const list = page.locator('[data-window="crm/customers"]')
  await expect(list.locator('tbody tr').first()).toBeVisible()
  await page.locator('[data-window="crm/customers"] [data-action="maximize"]').click()
  await page.screenshot(shot('41-crm-list'))
  await page.locator('[data-window="crm/customers"] [data-action="maximize"]').click()

  // status filter narrows the list to leads
  await list.locator('[data-filter="status"] [data-value="lead"]').click()
  await expect(list.locator('tbody [data-status]').first()).toHaveAttribute('data-status', 'lead')
  await expect(list.locator('tbody [data-status="active"]')).toHaveCount(0)
  await list.getByTestId('filter-reset').click()

  // create, with a field error first
  await list.getByTestId('customer-new').click()
  const create = page.locator('[data-window="crm/create"]')
  await expect(create).toBeVisible()
  await create.locator('input[name="name"]').fill(customerName)
  await create.locator('input[name="postcode"]').fill('10115')
  await create.locator('input[name="city"]').fill('Berlin')
  await create.locator('input[name="vat_id"]').fill('DE1')
  await create.locator('input[name="hourly_rate"]').fill('120,50')
  await create.getByTestId('customer-save').click()
  const vat = create.locator('[data-field="vat_id"]')
  await expect(vat.locator('[role="alert"]')).toContainText('USt-IdNr.')
  await expect(vat.locator('input')).toHaveAttribute('aria-invalid', 'true')
  await page.screenshot(shot('42-crm-create-validation'))
  await create.locator('input[name="vat_id"]').fill('DE136695976')
  await create.getByTestId('customer-save').click()

  const detail = page.locator('[data-window="crm/customer"][data-active="true"]')
  await expect(detail.getByTestId('customer-name')).toHaveText(customerName)
  await expect(detail.getByTestId('customer-number')).toHaveText(/^K-\d+/)
  await expect(page).toHaveURL(/#\/w\/crm\/customer\/[0-9a-f-]+$/)
  await expect(detail.locator('[data-field="hourly_rate"]')).toContainText('120,50 €')
  await page.screenshot(shot('43-crm-detail-master'))

  // contact
  await detail.locator('[data-tab="contacts"]').click()
  await detail.getByTestId('contact-new').click()
  const contactForm = page.getByTestId('contact-form')
  await contactForm.locator('input[name="name"]').fill(contactName)
  await contactForm.locator('input[name="position"]').fill('Einkauf')
  await contactForm.locator('input[name="email"]').fill(`zora.${stamp}@example.de`)
  await page.getByTestId('contact-save').click()
  const card = detail.getByTestId('contact-card').filter({ hasText: contactName })
  await expect(card).toBeVisible()
  // a second contact, then move the primary star to the first one
  await detail.getByTestId('contact-new').click()
  await contactForm.locator('input[name="name"]').fill(`Bernd Zweitkontakt ${stamp}`)
  await contactForm.locator('input[type="checkbox"]').check()
  await page.getByTestId('contact-save').click()
  const second = detail.getByTestId('contact-card').filter({ hasText: 'Bernd Zweitkontakt' })
  await expect(second).toHaveAttribute('data-primary', 'true')
  await expect(card).not.toHaveAttribute('data-primary', 'true')
  await card.locator('[data-action="make-primary"]').click()
  await expect(card).toHaveAttribute('data-primary', 'true')
  await expect(second).not.toHaveAttribute('data-primary', 'true')
  await expect(detail.locator('[data-tab="contacts"]')).toContainText('2')
  await page.screenshot(shot('44-crm-detail-contacts'))

  // log a call with that contact
  await detail.locator('[data-tab="timeline"]').click()
  const form = detail.getByTestId('activity-form')
  await form.locator('[data-type="call"]').click()
  await form.locator('input[name="subject"]').fill('Erstgespräch zum Wartungsvertrag')
  await form.locator('select[name="contact_id"]').selectOption({ label: `${contactName} ★` })
  await form.locator('textarea[name="body"]').fill('Angebot bis Freitag.')
  await form.getByTestId('activity-save').click()
  const call = detail.getByTestId('timeline-entry').filter({ hasText: 'Erstgespräch zum Wartungsvertrag' })
  await expect(call).toHaveAttribute('data-type', 'call')
  await expect(call).toContainText(contactName)
  await expect(detail.locator('[data-event="customer_created"]')).toContainText(/Kunde K-\d+ angelegt/)
  await expect(detail.locator('[data-event="contact_added"]', { hasText: contactName })).toContainText(`Ansprechpartner ${contactName} hinzugefügt`)
  await page.screenshot(shot('45-crm-detail-timeline'))
  await detail.locator('[data-tab="projects"]').click()
  await expect(detail.getByTestId('projects-tab')).toBeVisible()
  await page.screenshot(shot('46-crm-detail-projects'))

  // the list finds the customer by its contact's name
  await page.getByTestId('window-list').locator('button', { hasText: 'Kundenliste' }).click()
  await list.locator('input[name="q"]').fill(contactName)
  await expect(list.locator('tbody tr')).toHaveCount(1)
  await expect(list.locator('tbody')).toContainText(customerName)

  // ... and so does the command palette
  await page.keyboard.press('Control+k')
  const palette = page.getByTestId('command-palette')
  await palette.locator('input').fill(contactName)
  const hit = palette.locator('[role="option"]', { hasText: contactName })
  await expect(hit).toBeVisible()
  await expect(hit).toContainText(customerName)
  await hit.click()
  await expect(page.locator('[data-window="crm/customer"]')).toHaveCount(1)
  await expect(detail.getByTestId('customer-name')).toHaveText(customerName)

  // archive: gone from the list, visible with the archived filter; restore brings it back
  await detail.getByTestId('customer-archive').click()
  await page.getByTestId('confirm-archive').click()
  await expect(detail.getByTestId('archived-badge')).toBeVisible()
  await expect(list.locator('tbody')).not.toContainText(customerName)
  // bring windows to the front through the taskbar, as a user would
  const windowList = page.getByTestId('window-list')
  const listHeader = windowList.locator('button', { hasText: 'Kundenliste' })
  const detailHeader = windowList.locator('button', { hasText: customerName })
  await listHeader.click()
  await list.getByTestId('filter-archived').click()
  await expect(list.locator('tbody')).toContainText(customerName)
  await page.screenshot(shot('47-crm-list-archived'))
  await detailHeader.click()
  await detail.getByTestId('customer-restore').click()
  await expect(detail.getByTestId('archived-badge')).toHaveCount(0)
  await expect(list.locator('tbody')).not.toContainText(customerName)
  await listHeader.click()
  await list.getByTestId('filter-archived').click()
  await expect(list.locator('tbody')).toContainText(customerName)
})

test('CSV import: dry run with an error row, then a clean import', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  const list = await openCustomerList(page)
  await list.getByTestId('customer-import').click()
  const win = page.locator('[data-window="crm/import"]')
  await expect(win).toBeVisible()

  await win.getByTestId('import-file').setInputFiles(
    csvFile('kunden-fehler.csv', ['Name;Art;PLZ;Ort;E-Mail;USt-IdNr;Stundensatz', `${importName};business;50667;Köln;info@importwerk.de;DE136695976;95,50`, ';private;;;kaputt;;']),
  )
  const errors = win.getByTestId('import-errors')
  await expect(errors).toBeVisible()
  await expect(errors.locator('tbody tr').first()).toContainText('3')
  await expect(win.locator('[data-stat="rows_total"]')).toContainText('2')
  await expect(win.locator('[data-stat="rows_valid"]')).toContainText('1')
  await expect(win.locator('[data-stat="encoding"]')).toContainText('UTF-8')
  await expect(win.getByTestId('import-preview')).toContainText(importName)
  await expect(win.getByTestId('import-run')).toBeDisabled()
  await page.screenshot(shot('48-crm-import-errors'))

  await win.getByTestId('import-file').setInputFiles(
    csvFile('kunden.csv', ['Name;Art;PLZ;Ort;E-Mail;USt-IdNr;Stundensatz', `${importName};business;50667;Köln;info@importwerk.de;DE136695976;95,50`]),
  )
  await expect(win.getByTestId('import-ready')).toBeVisible()
  await expect(win.getByTestId('import-run')).toBeEnabled()
  await page.screenshot(shot('49-crm-import-ready'))
  await win.getByTestId('import-run').click()
  await expect(win.getByTestId('import-success')).toContainText('Ein Datensatz importiert')
  await page.screenshot(shot('50-crm-import-done'))

  // the open list was refreshed
  await list.locator('input[name="q"]').fill(importName)
  await expect(list.locator('tbody tr')).toHaveCount(1)
  await expect(list.locator('tbody')).toContainText(importName)
})

test('company settings show a live number example and field errors', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  await page.getByTestId('dock').locator('[data-app="admin"]').click()
  await page.locator('[data-window="admin/departments"] [data-tab="settings"]').click()
  const settings = page.locator('[data-window="admin/settings"]')
  await expect(settings.locator('input[name="customer_number_pattern"]')).toHaveValue(/\{seq/)
  const pattern = settings.locator('[data-field="customer_number_pattern"]')
  await pattern.locator('input').fill('KD-{year}-{seq:4}')
  const year = companyDay(await serverNow(page.request)).slice(0, 4)
  await expect(pattern).toContainText(`KD-${year}-0001`)
  await pattern.locator('input').fill('K-{seq:5}')
  await expect(pattern).toContainText('K-00001')
  await settings.locator('input[name="default_hourly_rate"]').fill('abc')
  await settings.getByTestId('settings-save').click()
  await expect(settings.locator('[data-field="default_hourly_rate"] [role="alert"]')).toBeVisible()
  await settings.locator('input[name="default_hourly_rate"]').fill('95,00')
  await settings.getByTestId('settings-save').click()
  await expect(page.locator('[data-toast="success"]').last()).toBeVisible()
  await page.screenshot(shot('51-admin-company-settings'))
})

test('dark mode CRM detail', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await login(page, ADMIN)
  await resetLayout(page)
  const list = await openCustomerList(page)
  await list.locator('input[name="q"]').fill(customerName)
  await list.locator('tbody tr', { hasText: customerName }).click()
  const detail = page.locator('[data-window="crm/customer"]')
  await detail.locator('[data-tab="timeline"]').click()
  await expect(detail.getByTestId('timeline-entry').first()).toBeVisible()
  await page.screenshot(shot('52-dark-crm-timeline'))
  await page.getByTestId('dock').locator('[data-app="crm"]').click()
  await expect(page.locator('[data-window="crm/dashboard"] canvas')).toBeVisible()
  await page.screenshot(shot('53-dark-crm-dashboard'))
})
