import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Command, Option } from 'commander';
import { ALL_ROLES, loadConfig, type ConfigOverrides } from './config.ts';
import { createDeps } from './deps.ts';
import { analyzeCommand } from './analyze-command.ts';
import { loadDemo } from './demo/load-demo.ts';
import { modelToJson } from './modules/language/index.ts';
import { startServer } from './server.ts';
import { systemClock } from './shared/clock.ts';
import { AppError, ErrorCode, isAppError } from './shared/errors.ts';
import { systemContext } from './shared/unit-of-work.ts';
import { openDatabase } from './storage/index.ts';
import { DATABASE_FILE, openSqlite } from './storage/sqlite/open.ts';
import { lockDataDir } from './storage/sqlite/lock.ts';
import { rebuildSearchIndex } from './storage/repositories/search-index.ts';
import { ensureFirstAdmin } from './first-run.ts';

/** How long a graceful stop may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 30_000;

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

interface CommonFlags {
  data?: string;
}

const configFrom = (flags: CommonFlags & ConfigOverrides) =>
  loadConfig(process.env, { ...(flags.data ? { dataDir: flags.data } : {}), ...flags });

/** Opens the store for a one-shot command, runs `work`, and closes it again. */
const withDeps = async <T>(
  flags: CommonFlags,
  work: (deps: ReturnType<typeof createDeps>) => Promise<T>,
): Promise<T> => {
  const config = configFrom(flags);
  const db = await openDatabase({ ...config, lock: false });
  try {
    return await work(createDeps(config, db, systemClock));
  } finally {
    await db.close();
  }
};

const dataOption = () =>
  new Option('--data <dir>', 'data directory of the embedded database (REDRESS_DATA_DIR, default ./data)');

export const buildCli = (): Command => {
  const program = new Command('redress')
    .description('Redress — complaint handling that keeps its promises')
    .showHelpAfterError();

  program
    .command('start')
    .description('run HTTP, worker and scheduler (or the roles you pick)')
    .addOption(dataOption())
    .option('--port <port>', 'HTTP port (PORT, default 8080)')
    .option('--host <host>', 'interface to listen on (HOST, default 0.0.0.0)')
    .option('--roles <roles>', `comma-separated: ${ALL_ROLES.join(',')}`)
    .action(async (flags: CommonFlags & { port?: string; host?: string; roles?: string }) => {
      const config = configFrom(flags);
      const server = await startServer(config);
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) {
          err(`${signal} received again: exiting now.`);
          process.exit(1);
        }
        stopping = true;
        err(`${signal} received: finishing in-flight work…`);
        // Whatever is still running after this long is abandoned; leases let other workers retry jobs.
        setTimeout(() => {
          err('Shutdown took too long: exiting.');
          process.exit(1);
        }, SHUTDOWN_TIMEOUT_MS).unref();
        server.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            err(String(error));
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
      if (server.url) await ensureFirstAdmin(server.deps, server.url, out);
    });

  program.addCommand(analyzeCommand());

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .addOption(dataOption())
    .action(async (flags: CommonFlags) => {
      await withDeps(flags, async (deps) => out(`Database (${deps.db.dialect}) is up to date.`));
    });

  program
    .command('search-rebuild')
    .description('rebuild the full-text search index from the cases, their messages and customers, and exit')
    .addOption(dataOption())
    .action(async (flags: CommonFlags) => {
      await withDeps(flags, async (deps) => out(`Indexed ${await rebuildSearchIndex(deps.db)} cases.`));
    });

  program
    .command('category-model-export')
    .description(
      "train the category model on every site's resolved and closed cases and write it as JSON, for `analyze --model`",
    )
    .addOption(dataOption())
    .requiredOption('--out <file>', 'where to write the model')
    .action(async (flags: CommonFlags & { out: string }) => {
      await withDeps(flags, async (deps) => {
        const scoped = await deps.categoryModels.modelFor(systemContext('cli'));
        // The model's vocabulary is words from customers' complaints: personal data, readable by
        // its owner only, and to be deleted when it is no longer needed (erasure does not reach it).
        writeFileSync(resolve(flags.out), `${JSON.stringify(modelToJson(scoped.model))}\n`, { mode: 0o600 });
        out(
          `Wrote a model of ${scoped.categories.size} categories, learnt from ${scoped.trainedOn} cases, to ${flags.out}.`,
        );
      });
    });

  const user = program.command('user').description('manage users');
  user
    .command('create')
    .description('create a user')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>')
    .requiredOption('--role <role>', 'agent, supervisor, manager, department_member, quality_analyst or admin')
    .option('--password <password>', 'at least 10 characters; omit for a user who signs in later')
    .option('--locale <locale>', 'en, zh-TW, zh-CN or th', 'en')
    .addOption(dataOption())
    .action(
      async (flags: CommonFlags & { email: string; name: string; role: string; password?: string; locale: string }) => {
        if (flags.password !== undefined && flags.password.length < 10) {
          throw new AppError(ErrorCode.ValidationFailed, 'The password needs at least 10 characters');
        }
        await withDeps(flags, async (deps) => {
          const created = await deps.identity.createUser(systemContext('cli'), flags);
          out(`Created ${created.role} ${created.email} (${created.id})`);
        });
      },
    );

  const token = program.command('token').description('manage API tokens');
  token
    .command('create')
    .description('create an API token for a user; prints only the token')
    .requiredOption('--email <email>')
    .requiredOption('--name <name>', 'what the token is for')
    .addOption(dataOption())
    .action(async (flags: CommonFlags & { email: string; name: string }) => {
      await withDeps(flags, async (deps) => {
        const owner = await deps.identity.findUserByEmail(flags.email);
        if (!owner) throw new AppError(ErrorCode.NotFound, `No user with e-mail ${flags.email}`);
        const created = await deps.identity.createApiToken(systemContext('cli'), {
          userId: owner.id,
          name: flags.name,
        });
        out(created.token);
      });
    });

  program
    .command('demo')
    .description('load a demo organisation in English, Traditional and Simplified Chinese and Thai')
    .addOption(dataOption())
    .action(async (flags: CommonFlags) => {
      await withDeps(flags, async (deps) => {
        const summary = await loadDemo(deps);
        out(summary);
      });
    });

  program
    .command('backup')
    .description('write an online, consistent copy of the embedded database')
    .requiredOption('--out <file>', 'where to write the copy')
    .addOption(dataOption())
    .action(async (flags: CommonFlags & { out: string }) => {
      const config = configFrom(flags);
      if (config.databaseUrl) {
        err(
          'Redress is on PostgreSQL: back it up with pg_dump, e.g.  pg_dump --format=custom --file redress.dump "$DATABASE_URL"',
        );
        process.exitCode = 2;
        return;
      }
      const source = join(config.dataDir, DATABASE_FILE);
      if (!existsSync(source)) throw new AppError(ErrorCode.NotFound, `No Redress database at ${source}; check --data`);
      const target = resolve(flags.out);
      if (existsSync(target)) throw new AppError(ErrorCode.Conflict, `${target} exists; choose a new file`);
      mkdirSync(dirname(target), { recursive: true });
      // A running server holds the directory lock; the backup reads through SQLite's own locking.
      const db = await openSqlite({ dataDir: config.dataDir, lock: false, migrate: false });
      try {
        await db.backupTo(target);
      } finally {
        await db.close();
      }
      out(`Backup written to ${target}`);
    });

  program
    .command('restore')
    .description('replace the embedded database with a backup (the server must be stopped)')
    .requiredOption('--from <file>', 'a file written by `redress backup`')
    .addOption(dataOption())
    .action(async (flags: CommonFlags & { from: string }) => {
      const config = configFrom(flags);
      const source = resolve(flags.from);
      if (!existsSync(source)) throw new AppError(ErrorCode.NotFound, `${source} does not exist`);
      mkdirSync(config.dataDir, { recursive: true });
      const lock = lockDataDir(config.dataDir);
      try {
        const file = join(config.dataDir, DATABASE_FILE);
        for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
        copyFileSync(source, file);
      } finally {
        lock.release();
      }
      // Opening it proves the copy is a readable Redress database and applies newer migrations.
      await withDeps(flags, async (deps) => out(`Restored ${source}; ${await deps.identity.countUsers()} users.`));
    });

  return program;
};

/** Runs the CLI; coded errors print their message and exit non-zero, anything else its stack. */
export const runCli = async (argv: string[]): Promise<void> => {
  try {
    await buildCli().parseAsync(argv);
  } catch (error) {
    if (isAppError(error)) {
      err(`error [${error.code}]: ${error.message}`);
      for (const detail of error.details) err(`  ${detail.field ?? ''} ${detail.message}`);
    } else {
      err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    process.exitCode = 1;
  }
};
