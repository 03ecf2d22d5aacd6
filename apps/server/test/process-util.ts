import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

export const MAIN = join(import.meta.dirname, '..', 'src', 'main.ts');

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  /**
   * Resolves with the output once it matches `pattern` (what a server prints after it starts
   * listening — the first administrator's sign-in — comes later); rejects after `timeoutMs`.
   */
  readonly waitFor: (pattern: RegExp, timeoutMs?: number) => Promise<string>;
}

/** Runs `redress <args>` to completion on the pinned Node; resolves with exit code and output. */
export const runCli = async (
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> => {
  const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
};

/** Starts `redress start` on a free port and resolves once it logs its URL. */
export const startServerProcess = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> => {
  const child = spawn(process.execPath, [MAIN, 'start', '--port', '0', '--host', '127.0.0.1', ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
  });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  const waitFor = async (pattern: RegExp, timeoutMs = 30_000): Promise<string> => {
    for (const started = Date.now(); !pattern.test(output);) {
      if (Date.now() - started > timeoutMs) throw new Error(`no ${String(pattern)} in:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return output;
  };
  return { child, url, output: () => output, waitFor };
};

/** Sends a signal and waits for the process to be gone. */
export const stopProcess = async (child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> => {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = once(child, 'exit') as Promise<[number | null]>;
  child.kill(signal);
  const [code] = await exited;
  return code;
};
