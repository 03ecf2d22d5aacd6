import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, readCookie } from './api.ts';

const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const clearCookies = () => {
  for (const pair of document.cookie.split(';')) {
    const name = pair.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
  }
};

afterEach(() => {
  vi.unstubAllGlobals();
  clearCookies();
});

describe('readCookie', () => {
  it('finds one cookie among several and decodes it', () => {
    expect(readCookie('redress_csrf', 'a=1; redress_csrf=abc%3D%3D; b=2')).toBe('abc==');
    expect(readCookie('missing', 'a=1')).toBeUndefined();
  });
});

describe('apiRequest', () => {
  it('echoes the CSRF cookie on unsafe methods and sends JSON with same-origin credentials', async () => {
    document.cookie = 'redress_csrf=token-123; path=/';
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);

    await expect(api.post('/api/v1/things', { a: 1 })).resolves.toEqual({ ok: true });

    const [url, init] = fetchMock.mock.calls[0]!;
    const headers = new Headers(init!.headers);
    expect(url).toBe('/api/v1/things');
    expect(init!.method).toBe('POST');
    expect(init!.credentials).toBe('same-origin');
    expect(init!.body).toBe('{"a":1}');
    expect(headers.get('x-csrf-token')).toBe('token-123');
    expect(headers.get('content-type')).toBe('application/json');
  });

  it('does not send the CSRF header on GET, nor a content type without a body', async () => {
    document.cookie = 'redress_csrf=token-123; path=/';
    const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(jsonResponse(200, { status: 'ok' }));
    vi.stubGlobal('fetch', fetchMock);

    await api.get('/healthz');

    const headers = new Headers(fetchMock.mock.calls[0]![1]!.headers);
    expect(headers.has('x-csrf-token')).toBe(false);
    expect(headers.has('content-type')).toBe(false);
  });

  it('resolves 204 as undefined', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockResolvedValue(new Response(null, { status: 204 })));
    await expect(api.post('/api/v1/auth/logout')).resolves.toBeUndefined();
  });

  it('rejects with a typed ApiError carrying code, details and Retry-After', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn<typeof fetch>().mockResolvedValue(
        jsonResponse(
          429,
          {
            error: { code: 'rate_limited', message: 'Slow down', details: [{ field: '/body/email', message: 'x' }] },
          },
          { 'retry-after': '30' },
        ),
      ),
    );
    const error = await api.post('/api/v1/auth/login', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(429);
    expect(apiError.code).toBe('rate_limited');
    expect(apiError.retryAfterSeconds).toBe(30);
    expect(apiError.detailsFor('email')).toHaveLength(1);
    expect(apiError.detailsFor('password')).toHaveLength(0);
  });

  it('maps an unreachable server to code "network" and a non-Redress error body to "unknown"', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(api.get('/healthz')).rejects.toMatchObject({ code: 'network', status: 0 });

    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockResolvedValue(new Response('Bad gateway', { status: 502 })));
    await expect(api.get('/healthz')).rejects.toMatchObject({ code: 'unknown', status: 502 });
  });
});
