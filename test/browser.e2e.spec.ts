import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { debugAppWith, XSS_MESSAGE } from './fixtures/debug.app.js';
import { PLATFORMS, type PlatformName } from './helpers/platforms.js';

/**
 * Issue 4: the debug page, checked in a real browser (Debian's chromium,
 * driven by playwright-core): it renders, a `<script>` in an error message
 * stays text, a phone-sized screen never scrolls sideways. With
 * UPDATE_SCREENSHOT=1 it also retakes the docs' screenshot (a test run never
 * rewrites a tracked file otherwise).
 */

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(process.cwd(), 'docs/debug-page.png');
const PHONE = { width: 375, height: 740 };
const DESKTOP = { width: 1100, height: 900 };

// Skipped only on a developer machine without chromium; in CI a missing browser must fail the run.
const runs = existsSync(CHROMIUM) || Boolean(process.env.CI);
const title = runs
  ? 'the debug page in headless chromium'
  : `the debug page in headless chromium — SKIPPED: ${CHROMIUM} is absent (apt-get install chromium); with CI set it would fail instead`;
if (!runs) console.warn(title);

/** The few browser globals the checks read (the project compiles without the DOM library). */
interface PageGlobals {
  innerWidth: number;
  document: { documentElement: { scrollWidth: number }; body: { scrollWidth: number } };
  getComputedStyle(element: unknown): { overflowX: string };
}

async function listen(platform: PlatformName): Promise<{ app: INestApplication; origin: string }> {
  const moduleRef = await Test.createTestingModule({ imports: [debugAppWith({ debug: true })] }).compile();
  const adapter = platform === 'express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = moduleRef.createNestApplication(adapter, { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, origin: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

describe.skipIf(!runs)(title, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(() => browser?.close());

  describe.each(PLATFORMS)('%s', (platform) => {
    let app: INestApplication;
    let origin: string;
    beforeAll(async () => {
      ({ app, origin } = await listen(platform));
    });
    afterAll(() => app?.close());

    it('renders the traceback: title, message, frames with source, causes, explanation', async () => {
      const page = await browser.newPage({ viewport: DESKTOP });
      try {
        const response = await page.goto(`${origin}/debug/boom`);
        expect(response?.status()).toBe(500);
        expect(await page.title()).toBe('500 Internal Server Error · Error');
        expect(await page.locator('h1').textContent()).toBe('Error');
        expect(await page.locator('.error-head .message').textContent()).toBe('query failed');
        const frames = page.locator('li.frame');
        expect(await frames.count()).toBeGreaterThanOrEqual(2);
        await expect.poll(() => frames.first().isVisible()).toBe(true);
        expect(await frames.first().locator('.fn').textContent()).toBe('queryUsers');
        expect(await frames.first().locator('.line.hit').textContent()).toMatch(/throw new Error\('query failed', \{ cause: driver \}\);$/);
        expect(await page.locator('h2', { hasText: 'Caused by' }).allTextContents()).toEqual(['Caused by: Error', 'Caused by: TypeError']);
        expect(await page.getByText('No handler matches; searched controller DebugController (no handlers) → module DebugFeatureModule').isVisible()).toBe(true);
        if (platform === 'express' && process.env.UPDATE_SCREENSHOT) {
          mkdirSync(dirname(SCREENSHOT), { recursive: true });
          await page.screenshot({ path: SCREENSHOT });
        }
      } finally {
        await page.close();
      }
    });

    it('prints a <script> in the message as text: it never runs, even without the page’s security policy', async () => {
      // bypassCSP: the escaping alone must keep the script inert, not the policy header behind it.
      const context = await browser.newContext({ viewport: DESKTOP, bypassCSP: true });
      try {
        const page = await context.newPage();
        await page.goto(`${origin}/debug/xss`);
        expect(await page.locator('.error-head .message').textContent()).toBe(XSS_MESSAGE);
        expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
        expect(await page.locator('script, img').count()).toBe(0);
      } finally {
        await context.close();
      }
    });

    it.each(['/debug/boom', '/debug/xss', '/nowhere/with/a/rather/long/path/segment/that/goes/on/and/on/and/on/forever'])(
      'fits a phone screen: no horizontal scroll of the page at %s',
      async (path) => {
        const page = await browser.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
        try {
          await page.goto(`${origin}${path}`);
          const widths = await page.evaluate(() => {
            const { innerWidth, document } = globalThis as unknown as PageGlobals;
            return { viewport: innerWidth, document: document.documentElement.scrollWidth, body: document.body.scrollWidth };
          });
          expect(widths.document).toBeLessThanOrEqual(widths.viewport);
          expect(widths.body).toBeLessThanOrEqual(widths.viewport);
          // Long source lines scroll inside their code block instead.
          const codeBlocks = await page
            .locator('pre')
            .evaluateAll((blocks) => blocks.map((block) => (globalThis as unknown as PageGlobals).getComputedStyle(block).overflowX));
          expect(codeBlocks.every((overflow) => overflow === 'auto')).toBe(true);
        } finally {
          await page.close();
        }
      },
    );
  });
});
