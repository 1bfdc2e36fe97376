import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, getJson } from '../../src/web/api.js';

const busy = (retry: string) =>
  new Response(JSON.stringify({ error: { code: 'SERVER_BUSY', message: 'The server is busy' } }), { status: 429, headers: { 'retry-after': retry, 'content-type': 'application/json' } });
const ok = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

describe('web API client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks a busy server again after its Retry-After and tells the page it is waiting', async () => {
    const answers = [busy('3'), busy('120'), ok({ items: [], total: 0 })];
    const fetch = vi.fn(async () => answers.shift()!);
    vi.stubGlobal('fetch', fetch);
    const waits: number[] = [];
    const slept: number[] = [];
    const page = await getJson<{ total: number }>('/api/stories', {}, (s) => waits.push(s), async (ms) => void slept.push(ms));
    expect(page.total).toBe(0);
    expect(fetch).toHaveBeenCalledTimes(3);
    // Retry-After as given, capped at 30 s.
    expect(waits).toEqual([3, 30]);
    expect(slept).toEqual([3000, 30000]);
  });

  it('gives up after a few busy answers with the server\'s own error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => busy('1')));
    const error = await getJson('/api/stories/x/report', {}, undefined, async () => undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('SERVER_BUSY');
    expect((error as ApiError).status).toBe(429);
  });
});
