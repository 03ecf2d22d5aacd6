import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (never a browser downloaded by Playwright). CI
 * installs it (`.ci/run`); without it the journeys fail, loudly, rather than skip.
 */

export const CHROMIUM = process.env.REDRESS_E2E_CHROMIUM ?? '/usr/bin/chromium';

export const SCREENSHOTS_DIR = join(import.meta.dirname, '..', 'screenshots');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly close: () => Promise<void>;
}

/** A headless Chromium with a fresh profile, and one page. */
export const launchBrowser = async (options: BrowserContextOptions = {}): Promise<Browser> => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser journeys need Debian's chromium, ` +
        'fonts-wqy-microhei and fonts-thai-tlwg (apt-get install -y chromium fonts-wqy-microhei fonts-thai-tlwg).',
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'redress-e2e-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 60_000,
      ...options,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  context.setDefaultTimeout(30_000);
  context.setDefaultNavigationTimeout(60_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** Saves a full-page screenshot as `screenshots/<name>.png` and returns its path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
};

/** axe's serious and critical violations on the page as it is now, one line each (empty when none). */
export const seriousAxeViolations = async (page: Page): Promise<string[]> => {
  const results = await new AxeBuilder({ page }).analyze();
  // An empty page (or axe not running at all) passes no rule: say so rather than report "no violations".
  if (results.passes.length === 0) throw new Error(`axe checked nothing on ${page.url()}`);
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(' | ')}`,
    );
};

/** Font families fontconfig says cover `language`; empty when fontconfig's tools are missing. */
const familiesFor = (language: string): Set<string> => {
  try {
    const out = execFileSync('fc-list', [`:lang=${language}`, 'family'], { encoding: 'utf8' });
    return new Set(
      out
        .split('\n')
        .flatMap((line) => line.split(',').map((name) => name.trim()))
        .filter(Boolean),
    );
  } catch {
    return new Set();
  }
};

/** The Thai families of Debian's fonts-thai-tlwg, used when fontconfig cannot be asked. */
const TLWG_FAMILIES = [
  'Garuda',
  'Kinnari',
  'Laksaman',
  'Loma',
  'Norasi',
  'Purisa',
  'Sawasdee',
  'Tlwg Mono',
  'Tlwg Typewriter',
  'Tlwg Typist',
  'Tlwg Typo',
  'Umpush',
  'Waree',
];

const THAI = /[\u0E00-\u0E7F]/gu;
/** CJK unified ideographs (and extension A): the characters of Traditional and Simplified Chinese. */
const HAN = /[\u3400-\u4DBF\u4E00-\u9FFF]/gu;

/** The Chinese families of Debian's fonts-wqy-microhei, used when fontconfig cannot be asked. */
const WQY_FAMILIES = ['WenQuanYi Micro Hei', 'WenQuanYi Micro Hei Mono', '文泉驿微米黑', '文泉驛微米黑'];

export interface ScriptRendering {
  readonly text: string;
  readonly fonts: readonly { familyName: string; glyphCount: number }[];
  readonly box: { width: number; height: number } | null;
}

/**
 * How Chromium drew the text of the first element `selector` matches: the fonts that supplied its
 * glyphs (DevTools `CSS.getPlatformFontsForNode`) and its box. A character no installed font has
 * is drawn as a box by the default font, so "the Thai (or Chinese) renders" means: every character
 * of that script got its glyph from a font that covers the script, and the text has a visible box.
 */
export const textRendering = async (page: Page, selector: string): Promise<ScriptRendering> => {
  const element = page.locator(selector).first();
  const text = (await element.textContent()) ?? '';
  const box = await element.boundingBox();
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return { text, fonts, box: box ? { width: box.width, height: box.height } : null };
  } finally {
    await cdp.detach();
  }
};

interface Script {
  readonly name: string;
  readonly characters: RegExp;
  readonly fontconfigLanguages: readonly string[];
  readonly knownFamilies: readonly string[];
}

const SCRIPTS = {
  thai: { name: 'Thai', characters: THAI, fontconfigLanguages: ['th'], knownFamilies: TLWG_FAMILIES },
  chinese: { name: 'Chinese', characters: HAN, fontconfigLanguages: ['zh-tw', 'zh-cn'], knownFamilies: WQY_FAMILIES },
} satisfies Record<string, Script>;

/** Why the `script` text of `rendering` did not render with that script's glyphs, or undefined when it did. */
export const renderingProblem = (rendering: ScriptRendering, scriptKey: keyof typeof SCRIPTS): string | undefined => {
  const script: Script = SCRIPTS[scriptKey];
  const scriptChars = rendering.text.match(script.characters)?.length ?? 0;
  if (scriptChars === 0) return `no ${script.name} text in ${JSON.stringify(rendering.text)}`;
  if (!rendering.box || rendering.box.width <= 0 || rendering.box.height <= 0) return 'the text has no visible box';
  const families = new Set(script.knownFamilies);
  for (const language of script.fontconfigLanguages) for (const family of familiesFor(language)) families.add(family);
  const scriptGlyphs = rendering.fonts
    .filter((font) => families.has(font.familyName))
    .reduce((sum, font) => sum + font.glyphCount, 0);
  const otherGlyphs = rendering.fonts
    .filter((font) => !families.has(font.familyName))
    .reduce((sum, font) => sum + font.glyphCount, 0);
  const otherChars = [...rendering.text.replace(script.characters, '')].length;
  const used = rendering.fonts.map((f) => `${f.familyName} ×${f.glyphCount}`).join(', ');
  if (scriptGlyphs === 0) return `no ${script.name} font drew ${JSON.stringify(rendering.text)} (fonts: ${used})`;
  // Each other character needs at most one glyph: more from other fonts means the script drawn as boxes.
  if (otherGlyphs > otherChars) return `${script.name} characters fell back to other fonts (fonts: ${used})`;
  return undefined;
};
