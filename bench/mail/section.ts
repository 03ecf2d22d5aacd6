// The mail section of `npm run bench` (`npm run bench -- mail`, or BENCH_ONLY=mail): e-mail in over
// SMTP, its processing into cases, acknowledgements out, and portal filing over HTTP, each beside a
// ceiling measured in the same run. Run after the ceilings table with (a) and (e) passed in, or
// alone with one quick round of each measured first.
import { loadavg } from 'node:os';
import { describeError } from '../lib/errors.ts';
import { sectionOnly } from '../lib/only.ts';
import { sectionAlone, type CeilingFigures } from '../lib/standalone.ts';
import { complaintSource } from './messages.ts';
import { runPortal, type PortalResults } from './portal.ts';
import { runBackend, MAIL_LIMITS, type BackendResults } from './redress.ts';
import { mailTables } from './report.ts';
import { pooledLoad, rawLoad, startBareSmtp, type SmtpLoad } from './smtp.ts';

/** True when only this section should run: `npm run bench -- mail` or `BENCH_ONLY=mail`. */
export const mailOnly = (argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean =>
  sectionOnly('mail', argv, env);

/** Acknowledgements re-sent by the e-mail-out ceilings. */
const OUT_CEILING_MESSAGES = 200;

/** Runs the section and returns its tables; never throws. */
export const mailSection = async (ceilings: CeilingFigures, progress: (text: string) => void): Promise<string> => {
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

/** The section on its own: one round of ceilings (a) and (e), then the section. */
export const mailAlone = (progress: (text: string) => void): Promise<string> =>
  sectionAlone(
    { progressPrefix: 'mail: ', source: 'one round each, measured just before this section (mail-only run)' },
    progress,
    mailSection,
  );
