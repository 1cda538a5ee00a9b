import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import de from '@/i18n/de.json'
import en from '@/i18n/en.json'
import projectsDe from '@/modules/projects/i18n/de.json'
import projectsEn from '@/modules/projects/i18n/en.json'
import { i18n } from '@/i18n'
import { ApiError, codeText, errorMessage, fieldErrorMap, formatParams, problemFromResponse, refinedCode } from './errors'

const messages: Record<string, string> = {
  'errors.too_many_attempts': 'Zu viele Versuche.',
  'errors.email_taken': 'E-Mail vergeben.',
  'errors.field.email_taken': 'Schon vergeben.',
  'errors.field.invalid_email': 'Keine gültige E-Mail.',
  'errors.network_error': 'Server nicht erreichbar.',
  'errors.unknown_error': 'Unbekannter Fehler.',
}
const t = (key: string) => messages[key] ?? key
const te = (key: string) => key in messages

/** The real message files, as the app uses them. */
function real(locale: 'de' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { de: { ...de, ...projectsDe }, en: { ...en, ...projectsEn } } })
  return { t: i18n.global.t as (k: string, v?: Record<string, unknown>) => string, te: (k: string) => i18n.global.te(k) }
}

function problemResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/problem+json' } })
}

describe('error mapping', () => {
  it('parses problem+json into ApiError', async () => {
    const error = await problemFromResponse(
      problemResponse(429, { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down', code: 'too_many_attempts', request_id: 'r1' }),
    )
    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({ status: 429, code: 'too_many_attempts', detail: 'Slow down', requestId: 'r1' })
    expect(errorMessage(error, t, te)).toBe('Zu viele Versuche.')
  })

  it('falls back to the server detail for unknown codes, and to a status code without a body', async () => {
    expect(errorMessage(new ApiError(400, { code: 'brand_new_code', detail: 'Server says no' }), t, te)).toBe('Server says no')
    const bare = await problemFromResponse(new Response('<html>bad gateway</html>', { status: 502 }))
    expect(bare.code).toBe('server_error')
    expect(errorMessage(bare, t, te)).toBe('Unbekannter Fehler.')
  })

  it('maps network failures and foreign errors', () => {
    expect(errorMessage(new TypeError('Failed to fetch'), t, te)).toBe('Server nicht erreichbar.')
    expect(errorMessage('weird', t, te)).toBe('Unbekannter Fehler.')
  })

  it('builds field errors by JSON field name, translating known codes', () => {
    const error = new ApiError(422, {
      code: 'validation_error',
      errors: [
        { field: 'email', message: 'value is not a valid email address', code: 'invalid_email', params: {} },
        { field: 'body.name', message: 'Field required', code: 'some_unknown', params: {} },
      ],
    })
    expect(fieldErrorMap(error, t, te)).toEqual({ email: 'Keine gültige E-Mail.', name: 'Field required' })
  })

  it('prefers a form field-specific message for a code', () => {
    const error = new ApiError(422, {
      code: 'validation_error',
      errors: [
        { field: 'customer_id', message: 'Field required', code: 'required', params: {} },
        { field: 'email', message: 'bad', code: 'invalid_email', params: {} },
      ],
    })
    const withSpecific = (key: string) => key === 'invoices.fieldErrors.customer_id.required' || te(key)
    const tt = (key: string) => (key === 'invoices.fieldErrors.customer_id.required' ? 'Bitte einen Kunden wählen.' : t(key))
    expect(fieldErrorMap(error, tt, withSpecific, 'invoices.fieldErrors')).toEqual({ customer_id: 'Bitte einen Kunden wählen.', email: 'Keine gültige E-Mail.' })
  })

  it('attaches codes that imply a field when the server sends no field list', () => {
    const error = new ApiError(409, { code: 'email_taken', detail: 'E-mail already used' })
    expect(fieldErrorMap(error, t, te)).toEqual({ email: 'Schon vergeben.' })
    expect(fieldErrorMap(new Error('x'), t, te)).toEqual({})
  })
})

describe('params and the real texts', () => {
  it('formats an open amount with its currency for the locale', () => {
    const error = new ApiError(422, {
      code: 'payment_exceeds_outstanding',
      detail: 'At most 8556.93 is open.',
      params: { open: '8556.93', currency: 'EUR', number: 'RE-2026-00012' },
      errors: [{ field: 'amount', message: 'At most 8556.93 is open.', code: 'payment_exceeds_outstanding', params: { open: '8556.93', currency: 'EUR' } }],
    })
    const { t: tde, te: tede } = real('de')
    expect(errorMessage(error, tde, tede)).toBe('Der Betrag ist höher als der offene Betrag von 8.556,93\u00a0€.')
    expect(fieldErrorMap(error, tde, tede)).toEqual({ amount: 'Offen sind höchstens 8.556,93\u00a0€.' })
    const { t: ten, te: teen } = real('en')
    i18n.global.locale.value = 'en'
    try {
      expect(fieldErrorMap(error, ten, teen)).toEqual({ amount: 'At most €8,556.93 is open.' })
    } finally {
      i18n.global.locale.value = 'de'
    }
  })

  it('formats dates, counts, plain decimals and states', () => {
    const { t: tde, te: tede } = real('de')
    expect(formatParams({ start: '2026-12-31', count: 20000, lt: '99.5', example: '12345', project_status: 'completed' }, tde, tede, 'de')).toEqual({
      start: '31.12.2026',
      count: '20.000',
      lt: '99,5',
      example: '12345',
      project_status: 'Abgeschlossen',
    })
    expect(formatParams({ start: '2026-12-31' }, tde, tede, 'en')).toEqual({ start: '31/12/2026' })
  })

  it('says what is wrong with a validation type in words a user understands', () => {
    const { t: tde, te: tede } = real('de')
    expect(codeText('less_than', { lt: '100' }, tde, tede, true)).toBe('Muss kleiner als 100 sein.')
    expect(codeText('string_too_short', { min_length: 1 }, tde, tede, true)).toBe('Pflichtfeld – bitte ausfüllen.')
    expect(codeText('missing', {}, tde, tede, true)).toBe('Pflichtfeld – bitte ausfüllen.')
    expect(codeText('greater_than_equal', { ge: '0' }, tde, tede, true)).toBe('Darf nicht negativ sein.')
    expect(codeText('greater_than', { gt: 0 }, tde, tede, true)).toBe('Muss größer als 0 sein.')
    expect(codeText('string_too_long', { max_length: 200 }, tde, tede, true)).toBe('Höchstens 200 Zeichen.')
    expect(refinedCode('string_too_short', { min_length: 3 })).toBe('string_too_short')
  })

  it('has the same error codes and placeholders in German and English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const scope of ['errors', 'errors.field'] as const) {
      const pick = (m: typeof de) => (scope === 'errors' ? m.errors : m.errors.field) as Record<string, unknown>
      const a = pick(de)
      const b = pick(en)
      expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort())
      for (const [code, text] of Object.entries(a)) {
        if (typeof text === 'string') expect(placeholders(text), code).toEqual(placeholders(String(b[code])))
      }
    }
  })

  it('renders every error text in both languages without a missing placeholder value left over', () => {
    for (const locale of ['de', 'en'] as const) {
      const { t: tl, te: tel } = real(locale)
      const all = { ...(locale === 'de' ? de : en).errors.field, ...(locale === 'de' ? de : en).errors }
      for (const code of Object.keys(all)) {
        if (code === 'field') continue
        const text = codeText(code, {}, tl, tel)
        expect(text, code).toBeTruthy()
      }
    }
  })
})

describe('one place for error texts', () => {
  it('keeps every error text in src/i18n, none in a module (a module would silently override another)', () => {
    const modules = import.meta.glob<Record<string, unknown>>('../modules/*/i18n/*.json', { eager: true, import: 'default' })
    expect(Object.keys(modules).length).toBeGreaterThan(5)
    for (const [path, messages] of Object.entries(modules)) expect(messages, path).not.toHaveProperty('errors')
  })
})
