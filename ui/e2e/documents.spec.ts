import { expect, test, type Page } from '@playwright/test'
import { ADMIN, EMPLOYEE, login, resetLayout, shot } from './helpers'

test.describe.configure({ mode: 'serial' })

const stamp = Date.now().toString(36)

/** A one-page PDF with text lines (Helvetica, WinAnsi: umlauts work). */
function pdf(lines: string[]): Buffer {
  const text = lines.map((l, i) => `${i === 0 ? '' : '0 -18 Td '}(${l.replace(/[()\\]/g, (c) => `\\${c}`)}) Tj`).join('\n')
  const content = Buffer.from(`BT /F1 14 Tf 64 770 Td\n${text}\nET`, 'latin1')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ].map((o) => Buffer.from(o, 'latin1'))
  objects.push(Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]))
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')]
  const offsets: number[] = []
  let length = parts[0]!.length
  objects.forEach((body, i) => {
    offsets.push(length)
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')])
    parts.push(chunk)
    length += chunk.length
  })
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('')
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`))
  return Buffer.concat(parts)
}

const file = (name: string, buffer: Buffer, mimeType = 'application/pdf') => ({ name, mimeType, buffer })

async function openDocuments(page: Page) {
  await page.getByTestId('dock').locator('[data-app="documents"]').click()
  const list = page.locator('[data-window="documents/list"]')
  await expect(list.locator('tbody tr').first()).toBeVisible()
  return list
}

test('upload several files with progress, search the text, preview, tag, link and version', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  const list = await openDocuments(page)
  await expect(list.locator('[data-testid="document-thumb"]').first()).toBeVisible()
  await page.screenshot(shot('70-documents-list'))

  await list.getByTestId('document-upload-toggle').click()
  await list.getByTestId('upload-input').setInputFiles([
    file(`Mietvertrag ${stamp}.pdf`, pdf([`Mietvertrag ${stamp}`, 'Die Mietsache umfasst Büroräume im 2. OG.', 'Kaution: drei Monatsmieten'])),
    file(`Übergabeprotokoll ${stamp}.pdf`, pdf([`Übergabe ${stamp}`, 'Schlüssel übergeben.'])),
    file(`kaputt-${stamp}.pdf`, Buffer.from('<html><body>kein PDF</body></html>'), 'application/pdf'),
  ])
  const queue = list.getByTestId('upload-queue')
  await expect(queue.locator('[data-status="done"]')).toHaveCount(2)
  await expect(queue.locator('[data-status="failed"]')).toContainText('können nicht als Dokument abgelegt werden')
  await page.screenshot(shot('71-documents-upload'))

  // the same file again is recognised
  await list.getByTestId('upload-input').setInputFiles([file(`kopie-${stamp}.pdf`, pdf([`Mietvertrag ${stamp}`, 'Die Mietsache umfasst Büroräume im 2. OG.', 'Kaution: drei Monatsmieten']))])
  await expect(queue.locator('[data-status="duplicate"]')).toContainText('schon vorhanden')

  // full-text search finds the word inside the PDF (text extracted by a job), highlighted
  await list.locator('input[name="q"]').fill('Kaution')
  await expect(list.locator('tbody tr')).toHaveCount(1, { timeout: 20_000 })
  await expect(list.getByTestId('snippet').locator('mark')).toHaveText('Kaution')
  await page.screenshot(shot('72-documents-search'))

  await list.locator('tbody tr').first().click()
  const detail = page.locator('[data-window="documents/document"]')
  await expect(detail.getByTestId('document-title')).toHaveText(`Mietvertrag ${stamp}`)
  await expect(detail.getByTestId('pdf-page')).toBeVisible()
  await expect(detail.getByTestId('page-of')).toHaveText('Seite 1 von 1')
  await page.screenshot(shot('73-document-preview'))

  await detail.locator('[data-tab="details"]').click()
  await detail.locator('input[name="tags"]').fill('Miete, Büro')
  await detail.getByTestId('metadata-save').click()
  await expect(page.getByText('Gespeichert.')).toBeVisible()

  await detail.locator('[data-tab="links"]').click()
  await detail.getByTestId('link-hit').first().click()
  await expect(detail.locator('[data-link="customer"]')).toHaveCount(1)
  await page.screenshot(shot('74-document-links'))

  await detail.getByTestId('version-input').setInputFiles([file(`Mietvertrag ${stamp} unterschrieben.pdf`, pdf([`Mietvertrag ${stamp}`, 'unterschrieben']))])
  await detail.locator('[data-tab="versions"]').click()
  await expect(detail.locator('[data-version]')).toHaveCount(2)
  await detail.locator('[data-tab="history"]').click()
  await expect(detail.locator('[data-action="version_added"]')).toBeVisible()
  await expect(detail.locator('[data-action="linked"]')).toBeVisible()
})

test('the documents tab of a customer uploads and unlinks', async ({ page }) => {
  await login(page, ADMIN)
  await resetLayout(page)
  const csrf = (await page.context().cookies()).find((c) => c.name === 'workmate_csrf')?.value ?? ''
  const created = await page.request.post('/api/v1/customers', { data: { name: `Dokumentenkunde ${stamp} GmbH` }, headers: { 'X-CSRF-Token': csrf } })
  expect(created.ok()).toBeTruthy()
  const customer = (await created.json()) as { id: string }
  await page.goto(`/#/w/crm/customer/${customer.id}`)
  const win = page.locator(`[data-window="crm/customer"][data-record="${customer.id}"]`)
  await win.locator('[data-tab="documents"]').click()
  const panel = win.getByTestId('documents-panel')
  await expect(panel).toContainText('Noch keine Dokumente')
  await panel.getByTestId('upload-input').setInputFiles([file(`Angebot ${stamp}.pdf`, pdf([`Angebot ${stamp}`]))])
  await expect(panel.locator('tbody tr')).toHaveCount(1)
  await page.screenshot(shot('75-customer-documents-tab'))
  await panel.getByTestId('document-unlink').click()
  await page.getByTestId('confirm-unlink').click()
  await expect(panel).toContainText('Noch keine Dokumente')
})

test('an employee sees documents of customers, not the confidential ones; phone layout', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await login(page, EMPLOYEE)
  await resetLayout(page)
  await page.getByTestId('dock').locator('[data-app="documents"]').click()
  const list = page.locator('[data-window="documents/list"]')
  await expect(list.locator('tbody tr').first()).toBeVisible()
  await expect(list.getByText('Arbeitsvertrag')).toHaveCount(0)
  await page.screenshot(shot('76-documents-phone'))
})
