/**
 * True when the run asks for only the section `name`: `BENCH_ONLY=<name>` or
 * `npm run bench -- <name>`.
 */
export const sectionOnly = (
  name: string,
  argv: readonly string[] = process.argv,
  env: NodeJS.ProcessEnv = process.env,
): boolean => env.BENCH_ONLY === name || argv.slice(2).includes(name);
