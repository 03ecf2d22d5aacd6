import { extensionOf } from './attachment.ts';

/** What the bytes were found to be by the magic-number sniffer (`file-type`), if anything. */
export interface DetectedType {
  readonly ext: string;
  readonly mime: string;
}

/** An accepted type: the `Content-Type` it is stored and served with, and the extensions its files carry. */
export interface AcceptedType {
  readonly contentType: string;
  /** The first is appended to a name that has none of these. */
  readonly extensions: readonly string[];
  /** Raster images may be shown inline when asked; everything else always downloads. */
  readonly rasterImage: boolean;
}

export type Classification =
  { readonly allowed: true; readonly type: AcceptedType } | { readonly allowed: false; readonly detected: string };

const raster = (contentType: string, extensions: string[]): AcceptedType => ({
  contentType,
  extensions,
  rasterImage: true,
});
const file = (contentType: string, extensions: string[]): AcceptedType => ({
  contentType,
  extensions,
  rasterImage: false,
});

/**
 * The allow-list, keyed by the MIME type the sniffer reports. Images (PNG, JPEG, GIF, WebP, HEIC),
 * PDF, Office and OpenDocument files, call recordings (MP3, M4A, WAV, Ogg) and MP4 video. Plain text
 * is recognised separately (no magic number), and legacy Office files by `LEGACY_OFFICE`.
 * Not here on purpose: SVG, HTML, XML (they run script when opened), RTF, macro-enabled Office
 * files, archives and executables.
 */
const ACCEPTED: Readonly<Record<string, AcceptedType>> = {
  'image/png': raster('image/png', ['png']),
  'image/apng': raster('image/apng', ['png', 'apng']),
  'image/jpeg': raster('image/jpeg', ['jpg', 'jpeg', 'jpe', 'jfif']),
  'image/gif': raster('image/gif', ['gif']),
  'image/webp': raster('image/webp', ['webp']),
  'image/heic': raster('image/heic', ['heic', 'heif']),
  'image/heic-sequence': raster('image/heic-sequence', ['heic', 'heif']),
  'image/heif': raster('image/heif', ['heif', 'heic']),
  'image/heif-sequence': raster('image/heif-sequence', ['heif', 'heic']),
  'application/pdf': file('application/pdf', ['pdf']),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': file(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ['docx'],
  ),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': file(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ['xlsx'],
  ),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': file(
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ['pptx'],
  ),
  'application/vnd.oasis.opendocument.text': file('application/vnd.oasis.opendocument.text', ['odt']),
  'application/vnd.oasis.opendocument.spreadsheet': file('application/vnd.oasis.opendocument.spreadsheet', ['ods']),
  'application/vnd.oasis.opendocument.presentation': file('application/vnd.oasis.opendocument.presentation', ['odp']),
  'audio/mpeg': file('audio/mpeg', ['mp3']),
  'audio/x-m4a': file('audio/mp4', ['m4a']),
  'audio/mp4': file('audio/mp4', ['m4a', 'mp4']),
  'audio/wav': file('audio/wav', ['wav']),
  'audio/ogg': file('audio/ogg', ['ogg', 'oga', 'opus']),
  'audio/ogg; codecs=opus': file('audio/ogg', ['opus', 'ogg', 'oga']),
  'video/mp4': file('video/mp4', ['mp4']),
};

/**
 * Word 97–2003, Excel and PowerPoint files are Compound File Binary containers, as are Windows
 * installers (`.msi`): one of these is accepted only under a legacy Office name, and is served
 * with that type.
 */
const LEGACY_OFFICE: Readonly<Record<string, AcceptedType>> = {
  doc: file('application/msword', ['doc']),
  xls: file('application/vnd.ms-excel', ['xls']),
  ppt: file('application/vnd.ms-powerpoint', ['ppt']),
};

const TEXT_EXTENSIONS = ['txt', 'text', 'csv', 'tsv', 'log', 'md'];

/** What an upload may be, for people: shown when a file is refused. */
export const ACCEPTED_SUMMARY =
  'images (PNG, JPEG, GIF, WebP, HEIC), PDF, plain text, Word/Excel/PowerPoint and OpenDocument files, audio (MP3, M4A, WAV, Ogg) and MP4 video';

/**
 * WHATWG MIME sniffing's "binary data bytes": a file holding any of these in its first bytes is not
 * text. Tab, line feed, form feed, carriage return and escape are allowed.
 */
const isBinaryByte = (byte: number): boolean =>
  byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f);

/** Markup a browser would render or run: refused even when it arrives as `notes.txt`. */
const markupType = (text: string): string | undefined => {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  const head = start.slice(0, 1024);
  const looksLikeMarkup =
    /^<[!?a-zA-Z]/.test(start) || /<(script|html|svg|iframe|object|embed|body|head|meta)[\s/>]/i.test(head);
  if (!looksLikeMarkup) return undefined;
  if (/<svg[\s/>]/i.test(head)) return 'image/svg+xml';
  if (/^<\?xml/i.test(start)) return 'application/xml';
  return 'text/html';
};

/**
 * Decides whether the first bytes of a file with no magic number are plain text. Returns the
 * `Content-Type` to serve (`; charset=utf-8` when the bytes are valid UTF-8, the BOM's charset
 * for UTF-16, none for other encodings such as Big5 or TIS-620), a markup type to refuse, or
 * undefined for binary data. `head` may end in the middle of a character.
 */
export const sniffText = (
  head: Uint8Array,
): { text: true; contentType: string } | { text: false; detected: string } => {
  const utf16 =
    head[0] === 0xff && head[1] === 0xfe ? 'utf-16le' : head[0] === 0xfe && head[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) {
    const decoded = new TextDecoder(utf16).decode(head);
    const markup = markupType(decoded);
    return markup ? { text: false, detected: markup } : { text: true, contentType: `text/plain; charset=${utf16}` };
  }
  if (head.some(isBinaryByte)) return { text: false, detected: 'application/octet-stream' };
  let utf8 = true;
  let decoded: string;
  try {
    decoded = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    utf8 = false;
    decoded = new TextDecoder('latin1').decode(head);
  }
  const markup = markupType(decoded);
  if (markup) return { text: false, detected: markup };
  return { text: true, contentType: utf8 ? 'text/plain; charset=utf-8' : 'text/plain' };
};

/**
 * Classifies an upload from what the sniffer found in its bytes (`detected`) and, when it found
 * nothing, from its first bytes as text. The client's type and the file name are not trusted; the
 * name only chooses between legacy Office types, which share one container.
 */
export const classify = (detected: DetectedType | undefined, head: Uint8Array, filename: string): Classification => {
  if (detected) {
    const accepted = ACCEPTED[detected.mime];
    if (accepted) return { allowed: true, type: accepted };
    if (detected.mime === 'application/x-cfb') {
      const legacy = LEGACY_OFFICE[extensionOf(filename)];
      if (legacy) return { allowed: true, type: legacy };
    }
    return { allowed: false, detected: detected.mime };
  }
  const text = sniffText(head);
  if (!text.text) return { allowed: false, detected: text.detected };
  return { allowed: true, type: file(text.contentType, TEXT_EXTENSIONS) };
};

const RASTER_TYPES = new Set(
  Object.values(ACCEPTED)
    .filter((t) => t.rasterImage)
    .map((t) => t.contentType),
);

/** True for the raster image types that may be shown inline (never SVG, HTML or anything else). */
export const isRasterImage = (contentType: string): boolean => RASTER_TYPES.has(contentType);
