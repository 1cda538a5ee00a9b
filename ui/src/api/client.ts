/**
 * The one API client: generated types, CSRF header, problem+json errors, 401 handling.
 * Cancellation: pass `signal` in the request options (openapi-fetch forwards it to fetch).
 */
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { problemFromResponse } from './errors'

export const CSRF_COOKIE = 'workmate_csrf'
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return decodeURIComponent(v.join('='))
  }
  return null
}

let onUnauthorized: (() => void) | null = null
/** Set by the session store: called when any request (other than login/me probing) returns 401. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler
}

export const apiMiddleware: Middleware = {
  onRequest({ request }) {
    if (MUTATING.has(request.method.toUpperCase())) {
      const token = readCookie(CSRF_COOKIE)
      if (token) request.headers.set('X-CSRF-Token', token)
    }
    return request
  },
  async onResponse({ request, response }) {
    if (response.ok) return response
    const error = await problemFromResponse(response)
    const path = new URL(request.url, window.location.origin).pathname
    if (response.status === 401 && !path.endsWith('/auth/login') && !path.endsWith('/auth/me')) {
      onUnauthorized?.()
    }
    throw error
  },
}

export const api = createClient<paths>({
  baseUrl: window.location.origin,
  credentials: 'same-origin',
  // late-bound so tests (and future instrumentation) can replace globalThis.fetch
  fetch: (request: Request) => globalThis.fetch(request),
})
api.use(apiMiddleware)
