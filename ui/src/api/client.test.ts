import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from './errors'
import { apiMiddleware, readCookie, setUnauthorizedHandler } from './client'

type OnRequest = NonNullable<typeof apiMiddleware.onRequest>
type OnResponse = NonNullable<typeof apiMiddleware.onResponse>

function req(method: string, url = 'http://localhost/api/v1/employees'): Request {
  return new Request(url, { method })
}

describe('api middleware', () => {
  afterEach(() => {
    document.cookie = 'workmate_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT'
    setUnauthorizedHandler(null)
  })

  it('sends the CSRF cookie as header on mutating requests only', async () => {
    document.cookie = 'workmate_csrf=abc%3D123'
    expect(readCookie('workmate_csrf')).toBe('abc=123')
    const onRequest = apiMiddleware.onRequest as OnRequest
    const post = (await onRequest({ request: req('POST') } as Parameters<OnRequest>[0])) as Request
    expect(post.headers.get('X-CSRF-Token')).toBe('abc=123')
    const get = (await onRequest({ request: req('GET') } as Parameters<OnRequest>[0])) as Request
    expect(get.headers.get('X-CSRF-Token')).toBeNull()
  })

  it('throws ApiError for problem responses and calls the 401 handler', async () => {
    const handler = vi.fn()
    setUnauthorizedHandler(handler)
    const onResponse = apiMiddleware.onResponse as OnResponse
    const response = new Response(JSON.stringify({ code: 'unauthenticated', detail: 'no', status: 401, title: 'x', type: 'x' }), { status: 401 })
    await expect(onResponse({ request: req('GET'), response } as Parameters<OnResponse>[0])).rejects.toBeInstanceOf(ApiError)
    expect(handler).toHaveBeenCalledOnce()

    const loginFail = new Response(JSON.stringify({ code: 'invalid_credentials' }), { status: 401 })
    await expect(
      onResponse({ request: req('POST', 'http://localhost/api/v1/auth/login'), response: loginFail } as Parameters<OnResponse>[0]),
    ).rejects.toMatchObject({ code: 'invalid_credentials' })
    expect(handler).toHaveBeenCalledOnce()
  })
})
