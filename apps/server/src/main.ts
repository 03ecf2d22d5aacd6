/** Process entry: `redress <command>` — see cli.ts. */
// `analyze` is a stdin → stdout filter: it starts without loading the store, the HTTP stack or the jobs.
if (process.argv[2] === 'analyze') {
  const { runAnalyzeMain } = await import('./analyze-command.ts');
  await runAnalyzeMain(process.argv);
} else {
  const { runCli } = await import('./cli.ts');
  await runCli(process.argv);
}
