import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const LOCALES_DIR = join(import.meta.dirname, '..', '..', 'apps', 'console', 'src', 'i18n', 'locales');

/**
 * The console's words in one language, by catalogue key (`portal.file.title`), with `{name}`
 * placeholders filled: the journeys find fields, buttons and headings by what a reader of that
 * language sees. A missing key fails the test. Only simple `{name}` placeholders are filled; ICU
 * plurals are not for finding things by.
 */
export const catalogueFor = (locale: 'en' | 'th' | 'zh-TW' | 'zh-CN') => {
  const catalogue: Record<string, unknown> = {};
  const dir = join(LOCALES_DIR, locale);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    Object.assign(catalogue, JSON.parse(readFileSync(join(dir, file), 'utf8')));
  }
  const text = (key: string, values: Record<string, string> = {}): string => {
    let node: unknown = catalogue;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    if (typeof node !== 'string') throw new Error(`no ${locale} text for ${key}`);
    return node.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  };
  /** The words of a message before its first placeholder (for a partial match). */
  const before = (key: string, placeholder: string): string => text(key).split(`{${placeholder}}`)[0]!.trim();
  return { text, before };
};
