// The mail section of `npm run bench` (`npm run bench -- mail`, or BENCH_ONLY=mail): e-mail in over
// SMTP, its processing into cases, acknowledgements out, and portal filing over HTTP, each beside a
// ceiling measured in the same run. Run after the ceilings table with (a) and (e) passed in, or
// alone with one quick round of each measured first.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureHttpEcho } from '../ceilings/http.ts';
import { measureSqliteCommits } from '../ceilings/sqlite.ts';
import { describeError } from '../lib/errors.ts';
import { sectionOnly } from '../lib/only.ts';
import type { Measurement } from '../lib/stats.ts';
import { complaintSource } from './messages.ts';
import { runPortal, type PortalResults } from './portal.ts';
import { runBackend, MAIL_LIMITS, type BackendResults } from './redress.ts';
import { mailTables, type MailCeilings } from './report.ts';

export type { MailCeilings };
import { pooledLoad, rawLoad, startBareSmtp, type SmtpLoad } from './smtp.ts';

/** True when only this section should run: `npm run bench -- mail` or `BENCH_ONLY=mail`. */
export const mailOnly = (argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean =>
  sectionOnly('mail', argv, env);

/** Acknowledgements re-sent by the e-mail-out ceilings. */
const OUT_CEILING_MESSAGES = 200;

/** Runs the section and returns its tables; never throws. */
export const mailSection = async (ceilings: MailCeilings, progress: (text: string) => void): Promise<string> => {
  const startLoad = loadavg()[0]!;
  const problems: string[] = [];
  const inCeiling: SmtpLoad[] = [];
  const outCeiling: { unpooled?: SmtpLoad; pooled?: SmtpLoad } = {};
  const backends: BackendResults[] = [];
  let portal: PortalResults | undefined;
  const source = complaintSource();
  try {
    // The organisation's outgoing mail server, for every backend: keeps what it takes, for (o1)/(o2).
    const sink = await startBareSmtp({ keep: true });
    try {
      const bare = await startBareSmtp();
      try {
        let next = 10_000_000;
        for (const concurrency of MAIL_LIMITS.concurrencies) {
          progress(`mail: ceiling (m): bare smtp-server at concurrency ${concurrency}`);
          inCeiling.push(
            await pooledLoad({
              port: bare.port,
              concurrency,
              count: MAIL_LIMITS.count,
              maxMs: MAIL_LIMITS.smtpMaxMs,
              warmup: MAIL_LIMITS.warmup,
              message: () => source.mail(next++),
            }),
          );
        }
      } catch (error) {
        problems.push(`Ceiling (m) failed: ${describeError(error)}`);
      } finally {
        await bare.close();
      }
      for (const kind of ['sqlite', 'postgres'] as const) backends.push(await runBackend(kind, source, sink, progress));

      const acknowledgements = sink.kept.slice(0, OUT_CEILING_MESSAGES);
      if (acknowledgements.length > 0) {
        const target = await startBareSmtp();
        try {
          progress('mail: ceilings (o1)/(o2): nodemailer sending the same acknowledgements');
          const base = { url: target.url, concurrency: MAIL_LIMITS.runnerConcurrency, messages: acknowledgements };
          outCeiling.unpooled = await rawLoad({ ...base, maxMs: MAIL_LIMITS.sendMaxMs, pooled: false });
          outCeiling.pooled = await rawLoad({ ...base, maxMs: MAIL_LIMITS.sendMaxMs, pooled: true });
        } catch (error) {
          problems.push(`Ceilings (o1)/(o2) failed: ${describeError(error)}`);
        } finally {
          await target.close();
        }
      } else {
        problems.push('Ceilings (o1)/(o2) not measured: no acknowledgement reached the sink to send again.');
      }
    } finally {
      await sink.close();
    }
    portal = await runPortal(source, progress);
  } catch (error) {
    problems.push(`Mail section stopped early: ${describeError(error)}`);
  }
  try {
    return mailTables({
      ceilings,
      inCeiling,
      outCeiling,
      backends,
      portal,
      meanTextBytes: source.meanTextBytes,
      loadAverage: { start: startLoad, end: loadavg()[0]! },
      problems,
    });
  } catch (error) {
    return `### Mail\n\n- Mail section aborted: ${describeError(error)}\n`;
  }
};

const STANDALONE_COMMITS = 2_000;
const STANDALONE_HTTP_SECONDS = 5;
const STANDALONE_HTTP_CONNECTIONS = 32;

/** The section on its own: one round of ceilings (a) and (e), then the section. */
export const mailAlone = async (progress: (text: string) => void): Promise<string> => {
  const problems: string[] = [];
  let commit: Measurement | undefined;
  let echo: Measurement | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-ceilings-'));
  try {
    progress('mail: ceiling (a): SQLite commits');
    commit = measureSqliteCommits(dir, 'FULL', STANDALONE_COMMITS);
  } catch (error) {
    problems.push(`- (a) failed: ${describeError(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  try {
    progress('mail: ceiling (e): HTTP echo');
    echo = await measureHttpEcho({ seconds: STANDALONE_HTTP_SECONDS, connections: STANDALONE_HTTP_CONNECTIONS });
  } catch (error) {
    problems.push(`- (e) failed: ${describeError(error)}`);
  }
  const tables = await mailSection(
    {
      echo,
      commit,
      echoConnections: STANDALONE_HTTP_CONNECTIONS,
      echoSeconds: STANDALONE_HTTP_SECONDS,
      source: 'one round each, measured just before this section (mail-only run)',
    },
    progress,
  );
  return problems.length > 0 ? `${tables}\n${problems.join('\n')}\n` : tables;
};
