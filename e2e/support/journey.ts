import assert from 'node:assert/strict';
import { before } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, seriousAxeViolations } from './browser.ts';
import type { RedressProcess } from './redress.ts';

/**
 * Runs a journey's set-up before its steps. A failed set-up fails every step (rather than
 * cancelling them), so a machine without Chromium counts as failing tests, never as a quiet skip.
 * Returns the guard each step calls first.
 */
export const journeySetUp = (setUp: () => Promise<void>): (() => void) => {
  let setupError: Error | undefined;
  before(async () => {
    try {
      await setUp();
    } catch (error) {
      setupError = error instanceof Error ? error : new Error(String(error));
    }
  });
  return () => {
    if (setupError) throw setupError;
  };
};

/**
 * Runs one named step of a journey. When it fails, the page is saved as
 * `screenshots/<journey>-failed-<step>.png` and the error carries the tail of the server's log, so a
 * CI failure says what the browser showed and what the server saw.
 */
export const journeyStep = async (
  journey: string,
  page: Page,
  server: RedressProcess,
  name: string,
  body: () => Promise<void>,
): Promise<void> => {
  try {
    await body();
  } catch (error) {
    await screenshot(page, `${journey}-failed-${name.replace(/\W+/g, '-')}`).catch(() => undefined);
    const log = server.output().split('\n').slice(-25).join('\n');
    throw new Error(
      `${name}: ${error instanceof Error ? error.message : String(error)}\n--- server log (tail) ---\n${log}`,
      { cause: error },
    );
  }
};

/** Fails when axe finds serious or critical violations on the page as it is now. */
export const expectAccessible = async (page: Page, what: string): Promise<void> => {
  assert.deepEqual(await seriousAxeViolations(page), [], `axe: serious or critical violations on ${what}`);
};
