/** A file attached to a case. The bytes live in the file store under `storageKey`. */
export interface Attachment {
  readonly id: string;
  readonly caseId: string;
  /** Sanitised name, ending in an extension of its sniffed type. */
  readonly filename: string;
  /** Sniffed from the bytes, e.g. `image/png` or `text/plain; charset=utf-8`. */
  readonly contentType: string;
  /** Bytes. */
  readonly size: number;
  /** Hex SHA-256 of the content. */
  readonly sha256: string;
  readonly storageKey: string;
  readonly uploadedBy: string | null;
  readonly createdAt: Date;
}

/** Default per-file limit: 20 MiB (`REDRESS_ATTACHMENT_MAX_BYTES`). */
export const DEFAULT_ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;
/** Files one upload request may carry. */
export const MAX_FILES_PER_REQUEST = 10;
/** Names are capped in UTF-8 bytes: file systems allow 255, and the download name may gain an extension. */
export const MAX_FILENAME_BYTES = 180;

/** C0/C1 controls, DEL and the line/paragraph separators: never part of a name. */
const CONTROL = /[\p{Cc}\u2028\u2029]/gu;
/** Bidirectional overrides and marks: they make `gnp.exe` look like `exe.png`. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
/** Characters Windows refuses in names (the slashes go with the path parts). */
const RESERVED = /[<>:"|?*]/g;
/** Names Windows treats as devices, with or without an extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;
/** A trailing extension: 1–16 letters or digits after the last dot. */
const EXTENSION = /\.[\p{L}\p{N}]{1,16}$/u;

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

const graphemes = (text: string): string[] =>
  Array.from(new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(text), (s) => s.segment);

/** Cuts `name` to at most `maxBytes` UTF-8 bytes on grapheme boundaries, keeping its extension. */
export const capFilename = (name: string, maxBytes = MAX_FILENAME_BYTES): string => {
  if (utf8Bytes(name) <= maxBytes) return name;
  const extension = EXTENSION.exec(name)?.[0] ?? '';
  const budget = maxBytes - utf8Bytes(extension);
  let stem = '';
  let used = 0;
  for (const grapheme of graphemes(name.slice(0, name.length - extension.length))) {
    const size = utf8Bytes(grapheme);
    if (used + size > budget) break;
    stem += grapheme;
    used += size;
  }
  return `${stem.trimEnd()}${extension}`;
};

/**
 * A safe name from whatever the client sent: Unicode kept (Chinese and Thai names survive, in NFC),
 * path parts, control and bidi characters removed, Windows-reserved characters replaced, leading
 * and trailing dots and spaces trimmed, device names defused, length capped. Never empty.
 */
export const sanitizeFilename = (raw: string | undefined | null): string => {
  let name = (raw ?? '').normalize('NFC').replace(CONTROL, '').replace(BIDI, '');
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    .replace(RESERVED, '_')
    .replace(/\s+/gu, ' ')
    .replace(/^[\s.]+/u, '')
    .replace(/[\s.]+$/u, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  name = capFilename(name);
  return name === '' ? 'attachment' : name;
};

/** The extension after the last dot, lower-cased; '' when there is none. */
export const extensionOf = (name: string): string => EXTENSION.exec(name)?.[0].slice(1).toLowerCase() ?? '';

/**
 * Makes the name end in one of `extensions` (its type's), appending the first when it does not:
 * `invoice.exe` that is really a PNG becomes `invoice.exe.png`, so the saved file opens as what it is.
 */
export const withExtension = (name: string, extensions: readonly string[]): string => {
  const first = extensions[0];
  if (!first || extensions.includes(extensionOf(name))) return name;
  return capFilename(`${name}.${first}`);
};
