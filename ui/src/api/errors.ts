/**
 * Problem details from the API (RFC 9457 shape used by the backend) and their translation.
 *
 * Every `code` the server can send has a text under `errors.<code>` (problems) or
 * `errors.field.<code>` (a field's error; pydantic's validation types are field codes) in
 * `src/i18n/de.json` and `en.json`; a backend test fails on a code without one. `params` fill the
 * text's placeholders, formatted for the reader's locale by `formatParams`.
 */
import { i18n } from '@/i18n'
import { formatMoney, moneyLocale } from '@/composables/money'
import type { components } from './schema'

export type Problem = components['schemas']['Problem']
export type FieldError = components['schemas']['FieldError']
export type ErrorParams = Record<string, string | number>

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly detail: string
  readonly params: ErrorParams
  readonly fieldErrors: FieldError[]
  readonly requestId: string | null

  constructor(status: number, problem: Partial<Problem>) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = problem.code || fallbackCode(status)
    this.detail = problem.detail || problem.title || ''
    this.params = problem.params ?? {}
    this.fieldErrors = problem.errors ?? []
    this.requestId = problem.request_id ?? null
  }
}

export function fallbackCode(status: number): string {
  if (status === 0) return 'network_error'
  if (status === 401) return 'unauthenticated'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 409) return 'conflict'
  if (status === 422) return 'validation_error'
  if (status === 429) return 'too_many_attempts'
  if (status >= 500) return 'server_error'
  return 'unknown_error'
}

export async function problemFromResponse(response: Response): Promise<ApiError> {
  let body: Partial<Problem> = {}
  try {
    const parsed: unknown = await response.clone().json()
    if (parsed && typeof parsed === 'object') body = parsed as Partial<Problem>
  } catch {
    // not JSON (proxy error page etc.): keep the status-derived code
  }
  return new ApiError(response.status, body)
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

type Translate = (key: string, values?: Record<string, unknown>) => string
type HasKey = (key: string) => boolean

const DECIMAL = /^-?\d+(\.\d+)?$/
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/
/** Parameters whose value is a state or kind: shown by its translated name. */
const TRANSLATED_PARAMS: Record<string, string> = {
  project_status: 'projects.status',
  project_status_to: 'projects.status',
  invoice_status: 'invoices.status',
  kind: 'invoices.kind',
}

function currentLocale(): string {
  const locale = i18n.global.locale as unknown as { value: string } | string
  return typeof locale === 'string' ? locale : locale.value
}

/**
 * Params as the reader expects them: amounts with their currency ("8.556,93 €") when the
 * problem names one, counts (JSON numbers) grouped ("20.000"), other decimal strings with the
 * locale's decimal mark ("2,5", "12345"), ISO dates as dates ("31.12.2026"), states by their
 * translated name. Everything else as sent.
 */
export function formatParams(params: ErrorParams | undefined, t: Translate, te: HasKey, language = currentLocale()): Record<string, string> {
  const out: Record<string, string> = {}
  if (!params) return out
  const locale = moneyLocale(language)
  const currency = typeof params.currency === 'string' ? params.currency : null
  for (const [key, raw] of Object.entries(params)) {
    const enumKey = TRANSLATED_PARAMS[key] ? `${TRANSLATED_PARAMS[key]}.${raw}` : null
    if (enumKey && te(enumKey)) out[key] = t(enumKey)
    else if (typeof raw === 'number') out[key] = new Intl.NumberFormat(locale).format(raw)
    else if (currency && key !== 'currency' && DECIMAL.test(raw)) out[key] = formatMoney(raw, locale, raw, currency)
    // a decimal without a currency (a limit such as "99.99", or an identifier made of digits
    // such as a postcode): the locale's decimal mark, no thousands grouping
    else if (DECIMAL.test(raw)) out[key] = new Intl.NumberFormat(locale, { maximumFractionDigits: 20, useGrouping: false }).format(raw as Intl.StringNumericLiteral)
    else if (ISO_DATE.test(raw)) out[key] = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${raw}T00:00:00Z`))
    else if (ISO_DATETIME.test(raw) && !Number.isNaN(Date.parse(raw))) out[key] = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(raw))
    else out[key] = raw
  }
  return out
}

/**
 * Some validation types read better by their limit: a text of at least one character is a
 * required field, a number of at least 0 must not be negative, above 0 must be positive.
 */
export function refinedCode(code: string, params: ErrorParams | undefined): string {
  const p = params ?? {}
  if ((code === 'string_too_short' || code === 'too_short') && Number(p.min_length) === 1) return 'required'
  if (code === 'greater_than_equal' && Number(p.ge) === 0) return 'not_negative'
  if (code === 'greater_than' && Number(p.gt) === 0) return 'positive'
  return code
}

/** The text for a code: problem texts first (`errors.<code>`), else the field text, else null. */
export function codeText(code: string, params: ErrorParams | undefined, t: Translate, te: HasKey, field = false): string | null {
  const refined = refinedCode(code, params)
  const keys = field ? [`errors.field.${refined}`, `errors.${refined}`] : [`errors.${refined}`, `errors.field.${refined}`]
  const key = keys.find((k) => te(k))
  return key ? t(key, formatParams(params, t, te)) : null
}

/** Translated message for an error; falls back to the server's detail, then a generic text. */
export function errorMessage(error: unknown, t: Translate, te: HasKey): string {
  if (error instanceof ApiError) {
    const text = codeText(error.code, error.params, t, te)
    if (text) return text
    if (error.detail) return error.detail
    return t('errors.unknown_error')
  }
  if (error instanceof TypeError) return t('errors.network_error')
  return t('errors.unknown_error')
}

/** Codes that belong to one field even when the server sends no `errors` list. */
const CODE_FIELDS: Record<string, string> = {
  email_taken: 'email',
  wrong_password: 'current_password',
}

/** The translated text of one field error (or import row error). */
export function fieldErrorText(fe: Pick<FieldError, 'code' | 'message'> & { params?: ErrorParams }, t: Translate, te: HasKey): string {
  return codeText(fe.code, fe.params, t, te, true) ?? fe.message
}

/**
 * Field errors keyed by JSON body field name, translated by code.
 * `fieldMessages` (e.g. "invoices.fieldErrors") lets a form say more for one field:
 * `<fieldMessages>.<field>.<code>` wins over the generic `errors.field.<code>`.
 */
export function fieldErrorMap(error: unknown, t: Translate, te: HasKey, fieldMessages?: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(error instanceof ApiError)) return out
  const implied = CODE_FIELDS[error.code]
  if (implied && error.fieldErrors.length === 0) {
    out[implied] = codeText(error.code, error.params, t, te, true) ?? error.detail
  }
  for (const fe of error.fieldErrors) {
    const field = fe.field.replace(/^body\./, '')
    if (field in out) continue
    const specific = fieldMessages ? `${fieldMessages}.${field}.${fe.code}` : null
    out[field] = specific && te(specific) ? t(specific, formatParams(fe.params, t, te)) : fieldErrorText(fe, t, te)
  }
  return out
}
