/** Process entry: `redress <command>` — see cli.ts. */
import { runCli } from './cli.ts';

await runCli(process.argv);
