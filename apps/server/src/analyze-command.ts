// The `analyze` command's definition, light on purpose: it imports only commander, so the process
// entry can run `redress analyze` without loading the store, the HTTP stack or the jobs, and the
// full CLI can list it beside the other commands. The work is in analyze-cli.ts, loaded on use.
import { Command } from 'commander';
import { isAppError } from './shared/errors.ts';

/** `analyze [--model <file>] [--lexicon <file>]`: JSON Lines on stdin to JSON Lines on stdout. */
export const analyzeCommand = (): Command =>
  new Command('analyze')
    .description(
      'analyse JSON Lines on stdin ({ "id", "text", "language"? } each) to JSON Lines on stdout; no database',
    )
    .option('--model <file>', 'a saved category model (JSON) to suggest categories with')
    .option('--lexicon <file>', 'extra lexicon entries (JSON list of { signal, language, kind, text })')
    .action(async (flags: { model?: string; lexicon?: string }) => {
      const { runAnalyzeCommand } = await import('./analyze-cli.ts');
      await runAnalyzeCommand(flags);
    });

/**
 * Runs `redress analyze …` on its own (the entry's fast path). Coded errors print as the full CLI
 * prints them (`error [code]: message`) and exit 1.
 */
export const runAnalyzeMain = async (argv: string[]): Promise<void> => {
  try {
    await new Command('redress').addCommand(analyzeCommand()).showHelpAfterError().parseAsync(argv);
  } catch (error) {
    if (isAppError(error)) {
      process.stderr.write(`error [${error.code}]: ${error.message}\n`);
      for (const detail of error.details) process.stderr.write(`  ${detail.field ?? ''} ${detail.message}\n`);
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    process.exitCode = 1;
  }
};
