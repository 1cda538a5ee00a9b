/** Problem details from the API (RFC 9457 shape used by the backend) and their translation. */
import type { components } from './schema'

export type Problem = components['schemas']['Problem']
export type FieldError = components['schemas']['FieldError']

export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly detail: string
  readonly fieldErrors: FieldError[]
  readonly requestId: string | null

  constructor(status: number, problem: Partial<Problem>) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.name = 'ApiError'
    this.status = status
    this.code = problem.code || fallbackCode(status)
    this.detail = problem.detail || problem.title || ''
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

/** Translated message for an error code; falls back to the server's detail, then a generic text. */
export function errorMessage(error: unknown, t: Translate, te: HasKey): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`
    if (te(key)) return t(key)
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

/**
 * Field errors keyed by JSON body field name, translated where the code is known.
 * `fieldMessages` (e.g. "crm.fieldErrors") lets a form say more for one field:
 * `<fieldMessages>.<field>.<code>` wins over the generic `errors.field.<code>`.
 */
export function fieldErrorMap(error: unknown, t: Translate, te: HasKey, fieldMessages?: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (!(error instanceof ApiError)) return out
  const implied = CODE_FIELDS[error.code]
  if (implied && error.fieldErrors.length === 0) {
    out[implied] = te(`errors.field.${error.code}`) ? t(`errors.field.${error.code}`) : error.detail
  }
  for (const fe of error.fieldErrors) {
    const field = fe.field.replace(/^body\./, '')
    if (field in out) continue
    const specific = fieldMessages ? `${fieldMessages}.${field}.${fe.code}` : null
    const key = `errors.field.${fe.code}`
    out[field] = specific && te(specific) ? t(specific) : te(key) ? t(key) : fe.message
  }
  return out
}
