import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { expect, test } from '../e2e/support/fixtures';
import { uname, type Session } from '../e2e/support/api';
import { scene } from '../e2e/support/scene';

/*
 * bench:web — on the built app served by the real server, in Debian's Chromium:
 *  1. the gzipped JS a first visit downloads (the sign-in route; budget 200 KB),
 *  2. the time from pressing "Sign in" to the first message of a room on screen,
 *  3. frame times while scrolling a 10,000-message room, and how many rows are in the DOM.
 */
const RESULT = fileURLToPath(new URL('../../../test-results/bench-web.json', import.meta.url));
const ROOM_SIZE = Number(process.env.BENCH_ROOM_MESSAGES ?? 10_000);

test('bench:web', async ({ page, browser, api, baseURL }) => {
  const result: Record<string, unknown> = { roomMessages: ROOM_SIZE };

  // 1. First route: every script the browser fetches to show /sign-in to a newcomer.
  const scripts = new Map<string, number>();
  page.on('response', async (r) => {
    if (r.request().resourceType() === 'script' && r.ok()) scripts.set(new URL(r.url()).pathname, gzipSync(await r.body(), { level: 9 }).length);
  });
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const firstRouteGzipBytes = [...scripts.values()].reduce((a, b) => a + b, 0);
  result.firstRouteJsGzipKB = +(firstRouteGzipBytes / 1024).toFixed(1);
  result.firstRouteJsFiles = [...scripts.keys()];
  result.firstRouteBudgetKB = 200;

  // A room with ROOM_SIZE messages, written through the API by two people.
  const s = await scene(api);
  const reader = await api.register(uname('reader'), 'Reader');
  const writers: Session[] = [await api.register(uname('w1'), 'Wren'), await api.register(uname('w2'), 'Ash')];
  for (const who of [reader, ...writers]) await api.req('POST', `/api/groups/${s.groups.night.id}/join`, {}, who.accessToken);
  const roomId = s.groups.night.roomId;
  const started = Date.now();
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= ROOM_SIZE) return;
      const w = writers[i % 2];
      await api.req('POST', `/api/rooms/${roomId}/messages`, { clientMsgId: `bench-${roomId}-${i}`, body: `Message ${i + 1}: ${i % 7 === 0 ? 'a longer line, to give the list rows of different heights, as real conversations have. '.repeat(2) : 'short and kind.'}` }, w.accessToken);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  result.seedSeconds = +((Date.now() - started) / 1000).toFixed(1);

  // 2. Sign-in to first rendered message: open the room signed out, sign in, wait for a message.
  const ctx = await browser.newContext({ baseURL });
  const p = await ctx.newPage();
  await p.goto(`/groups/${s.groups.night.id}/chat`);
  await p.getByLabel('Username').fill(reader.user.username);
  await p.getByLabel('Password').fill(reader.password!);
  const t0 = await p.evaluate(() => performance.now());
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.locator('.message-body').first().waitFor();
  const t1 = await p.evaluate(() => performance.now());
  result.signInToFirstMessageMs = Math.round(t1 - t0);

  // 3. Load the whole history by scrolling up, then scroll through it and record frame times.
  const scroller = p.getByTestId('message-scroller');
  const loadStart = Date.now();
  await p.evaluate(async () => {
    const el = document.querySelector('[data-testid=message-scroller]') as HTMLElement;
    const deadline = performance.now() + 240_000;
    while (!document.querySelector('.conversation-start') && performance.now() < deadline) {
      el.scrollTop = 0;
      await new Promise((r) => setTimeout(r, 30));
    }
  });
  result.loadWholeHistorySeconds = +((Date.now() - loadStart) / 1000).toFixed(1);
  await scroller.evaluate((el: HTMLElement) => (el.scrollTop = 0));
  await expect(p.locator('.conversation-start')).toBeVisible();
  result.startOfHistoryReached = await p.evaluate(() => {
    const cache = document.querySelectorAll('[data-seq]');
    return Number((cache[0] as HTMLElement | undefined)?.dataset.seq ?? 0) === 1;
  });

  // Frame times while scrolling: at a brisk, steady reading speed (3,000 px/s from the top for 8 s),
  // and a fling through the whole room (top to bottom in 5 s, tens of thousands of px a second).
  const measure = (mode: 'steady' | 'fling') =>
    scroller.evaluate(async (el: HTMLElement, mode) => {
      const times: number[] = [];
      let maxRows = 0;
      el.scrollTop = 0;
      await new Promise((r) => setTimeout(r, 300));
      const total = el.scrollHeight - el.clientHeight;
      const duration = mode === 'steady' ? 8000 : 5000;
      const start = performance.now();
      let last = start;
      await new Promise<void>((done) => {
        const step = (now: number) => {
          times.push(now - last);
          last = now;
          const t = Math.min(1, (now - start) / duration);
          el.scrollTop = mode === 'steady' ? (now - start) * 3 : total * t;
          maxRows = Math.max(maxRows, el.querySelectorAll('.message-row').length);
          if (t < 1) requestAnimationFrame(step);
          else done();
        };
        requestAnimationFrame(step);
      });
      times.shift();
      const sorted = [...times].sort((a, b) => a - b);
      const q = (x: number) => +sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * x))].toFixed(1);
      const seqs = [...el.querySelectorAll<HTMLElement>('[data-seq]')].map((e) => Number(e.dataset.seq));
      return {
        scrolledPx: Math.round(el.scrollTop),
        pxPerSecond: Math.round(el.scrollTop / (duration / 1000)),
        frames: times.length,
        frameMsP50: q(0.5),
        frameMsP95: q(0.95),
        frameMsP99: q(0.99),
        frameMsMax: q(1),
        maxRowsInDom: maxRows,
        lastSeqOnScreen: Math.max(...seqs),
      };
    }, mode);
  result.scrollSteady = await measure('steady');
  result.scrollFling = await measure('fling');
  result.scrollHeightPx = await scroller.evaluate((el: HTMLElement) => el.scrollHeight);
  await ctx.close();

  mkdirSync(dirname(RESULT), { recursive: true });
  writeFileSync(RESULT, JSON.stringify(result, null, 2));
  expect(firstRouteGzipBytes).toBeLessThanOrEqual(200 * 1024);
});
