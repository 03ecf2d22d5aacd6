import type { Locale } from '@redress/contract';
import { PLACEHOLDER, type EmailTemplate } from './templates.ts';

/**
 * Rendering a customer e-mail (pure): placeholders filled in one pass (a value that itself looks
 * like `{{portalLink}}` stays text), a plain-text part as written, and an HTML part in which every
 * character of the template and of the values is escaped; only links the renderer itself makes
 * are markup.
 */

export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/** Text safe inside HTML elements and double-quoted attributes. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Fills `{{name}}` placeholders from `values`; one missing from `values` becomes empty. */
export const fillPlaceholders = (text: string, values: Readonly<Record<string, string>>): string =>
  text.replace(PLACEHOLDER, (_whole, name: string) => values[name] ?? '');

const SUBJECT_MAX = 250;

/**
 * The subject on one line with the case reference in brackets (`… [C-2026-000123]`), which is
 * how a reply that lost its threading headers still finds its case.
 */
export const subjectWithRef = (subject: string, caseRef: string): string => {
  const line = subject
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const tag = `[${caseRef}]`;
  if (line.includes(tag)) return line.slice(0, SUBJECT_MAX);
  return `${line.slice(0, SUBJECT_MAX - tag.length - 1)} ${tag}`.trim();
};

// After escaping, a link runs to the next space or markup character; `&quot;`/`&#39;` end it too.
const LINK = /https?:\/\/[^\s<>]+?(?=[.,;:!?)]*(?:\s|$|&quot;|&#39;|&lt;|&gt;))/g;

const paragraphHtml = (paragraph: string): string =>
  escapeHtml(paragraph)
    .replace(LINK, (url) => `<a href="${url}">${url}</a>`)
    .replace(/\r?\n/g, '<br>\n');

/** Plain text as HTML: paragraphs at blank lines, line breaks kept, http(s) links clickable. */
export const textToHtml = (text: string, language: Locale): string => {
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${paragraphHtml(p)}</p>`)
    .join('\n');
  return (
    `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8"></head>` +
    `<body style="font-family:sans-serif;line-height:1.5;max-width:40em">\n${paragraphs}\n</body></html>`
  );
};

/** A template with its values: subject (with the case reference), plain text and HTML. */
export const renderEmail = (
  template: EmailTemplate,
  values: Readonly<Record<string, string>>,
  options: { readonly language: Locale; readonly caseRef: string },
): RenderedEmail => {
  const text = `${fillPlaceholders(template.body, values).replace(/\r\n/g, '\n').trimEnd()}\n`;
  return {
    subject: subjectWithRef(fillPlaceholders(template.subject, values), options.caseRef),
    text,
    html: textToHtml(text, options.language),
  };
};

const INTL_LOCALE: Readonly<Record<Locale, string>> = {
  en: 'en-GB',
  'zh-TW': 'zh-TW',
  'zh-CN': 'zh-CN',
  th: 'th-TH',
};

/**
 * A due time as the customer reads it: weekday, date and time in the case's site zone, with the
 * zone's short name, in the customer's language (`Intl`; Thai uses the Buddhist year).
 */
export const formatHearBackBy = (due: Date, timeZone: string, language: Locale): string =>
  new Intl.DateTimeFormat(INTL_LOCALE[language], {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(due);

/** A date alone (a link's expiry), in the zone and language. */
export const formatDay = (at: Date, timeZone: string, language: Locale): string =>
  new Intl.DateTimeFormat(INTL_LOCALE[language], { dateStyle: 'long', timeZone }).format(at);
