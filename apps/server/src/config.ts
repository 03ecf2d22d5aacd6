import { resolve } from 'node:path';
import { AppError, ErrorCode } from './shared/errors.ts';

export type Role = 'web' | 'worker' | 'scheduler';
export const ALL_ROLES: readonly Role[] = ['web', 'worker', 'scheduler'];

/** The process configuration, parsed once from the environment and CLI flags. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Directory holding the embedded database, its lock and backups. */
  readonly dataDir: string;
  /**
   * When set, PostgreSQL is the store and `dataDir` still holds attachment files (several instances
   * then need it on a shared volume, or a future object store).
   */
  readonly databaseUrl: string | undefined;
  readonly roles: readonly Role[];
  readonly logLevel: string;
  /** Public base URL used in links sent to people. */
  readonly publicUrl: string;
  /** Secure cookies when served over HTTPS. */
  readonly secureCookies: boolean;
  /** `FULL` unless an operator deliberately trades durability for speed. */
  readonly sqliteSynchronous: 'FULL' | 'NORMAL';
  /**
   * Which X-Forwarded-For hops to believe, for client addresses (rate limits): a number of proxies
   * in front (`1` for one load balancer) or their addresses/CIDRs. `false` trusts none.
   */
  readonly trustProxy: number | string | false;
  /** Largest attachment accepted, in bytes (`REDRESS_ATTACHMENT_MAX_BYTES`, default 20 MiB). */
  readonly attachmentMaxBytes: number;
  /** Live-update streams (`GET /live`) one process holds open at once (`REDRESS_LIVE_MAX_STREAMS`, default 2,000). */
  readonly liveMaxStreams: number;
  /** Outgoing mail server (`SMTP_URL`, `smtp://user:pass@host:587` or `smtps://…`); none: no e-mail. */
  readonly smtpUrl: string | undefined;
  /** The From of outgoing mail (`MAIL_FROM`). */
  readonly mailFrom: string;
  /**
   * The built-in SMTP receiver for intake channels (`REDRESS_SMTP_RECEIVER_PORT`; unset: off),
   * its address (`REDRESS_SMTP_RECEIVER_HOST`, default 127.0.0.1: put it behind the organisation's MX)
   * and its message size limit (`REDRESS_SMTP_RECEIVER_MAX_BYTES`, default 25 MiB).
   */
  readonly smtpReceiver: { readonly port: number; readonly host: string; readonly maxBytes: number } | undefined;
}

export interface ConfigOverrides {
  port?: number | string;
  host?: string;
  dataDir?: string;
  roles?: string;
}

const parsePort = (raw: string | number): number => {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError(ErrorCode.ConfigInvalid, `Port must be an integer 0–65535, got "${raw}"`);
  }
  return port;
};

export const parseRoles = (raw: string): Role[] => {
  const roles = raw
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const role of roles) {
    if (!ALL_ROLES.includes(role as Role)) {
      throw new AppError(ErrorCode.ConfigInvalid, `Unknown role "${role}"; use ${ALL_ROLES.join(', ')}`);
    }
  }
  if (roles.length === 0) throw new AppError(ErrorCode.ConfigInvalid, 'At least one role is needed');
  return roles as Role[];
};

const parseSmtpReceiver = (env: NodeJS.ProcessEnv): Config['smtpReceiver'] => {
  const rawPort = env.REDRESS_SMTP_RECEIVER_PORT?.trim();
  if (!rawPort) return undefined;
  const rawMax = env.REDRESS_SMTP_RECEIVER_MAX_BYTES?.trim();
  const maxBytes = rawMax ? Number(rawMax) : 25 * 1024 * 1024;
  if (!Number.isInteger(maxBytes) || maxBytes < 1024 || maxBytes > 2 ** 31) {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `REDRESS_SMTP_RECEIVER_MAX_BYTES must be a whole number of bytes from 1 KiB to 2 GiB, got "${rawMax}"`,
    );
  }
  return { port: parsePort(rawPort), host: env.REDRESS_SMTP_RECEIVER_HOST?.trim() || '127.0.0.1', maxBytes };
};

const parseLiveMaxStreams = (raw: string | undefined): number => {
  if (raw === undefined || raw.trim() === '') return 2_000;
  const streams = Number(raw);
  if (!Number.isInteger(streams) || streams < 1 || streams > 1_000_000) {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `REDRESS_LIVE_MAX_STREAMS must be a whole number from 1 to 1,000,000, got "${raw}"`,
    );
  }
  return streams;
};

const parseAttachmentMaxBytes = (raw: string | undefined): number => {
  if (raw === undefined || raw === '') return 20 * 1024 * 1024;
  const bytes = Number(raw);
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > 2 ** 31) {
    throw new AppError(
      ErrorCode.ConfigInvalid,
      `REDRESS_ATTACHMENT_MAX_BYTES must be a whole number of bytes up to 2 GiB, got "${raw}"`,
    );
  }
  return bytes;
};

/**
 * `REDRESS_TRUST_PROXY`: a hop count (`1`) or a comma-separated list of proxy addresses/CIDRs.
 * Trusting every hop would let a client pick its own address by sending X-Forwarded-For.
 */
const parseTrustProxy = (raw: string | undefined): number | string | false => {
  const value = raw?.trim();
  if (!value || value === '0' || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^[0-9a-fA-F:.,/ ]+$/.test(value)) return value;
  throw new AppError(
    ErrorCode.ConfigInvalid,
    'REDRESS_TRUST_PROXY must be a hop count such as 1, or proxy addresses/CIDRs',
  );
};

/** `SMTP_URL`: an smtp:// or smtps:// URL with a host, or nothing. */
const parseSmtpUrl = (raw: string | undefined): string | undefined => {
  const value = raw?.trim();
  if (!value) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
    // Never echo the value: it may hold the mail server's password.
    throw new AppError(
      ErrorCode.ConfigInvalid,
      'SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465',
    );
  }
  return value;
};

/** An absolute data directory; `:memory:` stays as it is (a throwaway store for tests). */
const dataDirFrom = (raw: string): string => (raw === ':memory:' ? raw : resolve(raw));

/** Reads configuration from `env` (normally `process.env`) and explicit overrides (CLI flags win). */
export const loadConfig = (env: NodeJS.ProcessEnv, overrides: ConfigOverrides = {}): Config => {
  const port = parsePort(overrides.port ?? env.PORT ?? 8080);
  const host = overrides.host ?? env.HOST ?? '0.0.0.0';
  const publicUrl = env.REDRESS_PUBLIC_URL ?? `http://localhost:${port}`;
  const synchronous = (env.REDRESS_SQLITE_SYNCHRONOUS ?? 'FULL').toUpperCase();
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new AppError(ErrorCode.ConfigInvalid, 'REDRESS_SQLITE_SYNCHRONOUS must be FULL or NORMAL');
  }
  return {
    port,
    host,
    dataDir: dataDirFrom(overrides.dataDir ?? env.REDRESS_DATA_DIR ?? './data'),
    databaseUrl: env.DATABASE_URL || undefined,
    roles: parseRoles(overrides.roles ?? env.REDRESS_ROLES ?? ALL_ROLES.join(',')),
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    sqliteSynchronous: synchronous,
    trustProxy: parseTrustProxy(env.REDRESS_TRUST_PROXY),
    attachmentMaxBytes: parseAttachmentMaxBytes(env.REDRESS_ATTACHMENT_MAX_BYTES),
    liveMaxStreams: parseLiveMaxStreams(env.REDRESS_LIVE_MAX_STREAMS),
    smtpUrl: parseSmtpUrl(env.SMTP_URL),
    smtpReceiver: parseSmtpReceiver(env),
    mailFrom: env.MAIL_FROM?.trim() || `Redress <redress@${URL.parse(publicUrl)?.hostname || 'localhost'}>`,
  };
};
