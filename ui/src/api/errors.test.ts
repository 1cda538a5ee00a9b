import { describe, expect, it } from 'vitest'
import { ApiError, errorMessage, fieldErrorMap, problemFromResponse } from './errors'

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
        { field: 'email', message: 'value is not a valid email address', code: 'invalid_email' },
        { field: 'body.name', message: 'Field required', code: 'some_unknown' },
      ],
    })
    expect(fieldErrorMap(error, t, te)).toEqual({ email: 'Keine gültige E-Mail.', name: 'Field required' })
  })

  it('prefers a form field-specific message for a code', () => {
    const error = new ApiError(422, {
      code: 'validation_error',
      errors: [
        { field: 'vat_id', message: 'Not a valid VAT ID', code: 'value_error' },
        { field: 'email', message: 'bad', code: 'invalid_email' },
      ],
    })
    const withSpecific = (key: string) => key === 'crm.fieldErrors.vat_id.value_error' || te(key)
    const tt = (key: string) => (key === 'crm.fieldErrors.vat_id.value_error' ? 'USt-IdNr. ungültig.' : t(key))
    expect(fieldErrorMap(error, tt, withSpecific, 'crm.fieldErrors')).toEqual({ vat_id: 'USt-IdNr. ungültig.', email: 'Keine gültige E-Mail.' })
  })

  it('attaches codes that imply a field when the server sends no field list', () => {
    const error = new ApiError(409, { code: 'email_taken', detail: 'E-mail already used' })
    expect(fieldErrorMap(error, t, te)).toEqual({ email: 'Schon vergeben.' })
    expect(fieldErrorMap(new Error('x'), t, te)).toEqual({})
  })
})
