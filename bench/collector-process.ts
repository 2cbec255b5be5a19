import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The collector as `cordon start` runs it: the built bundle under plain node, configured by file and environment. */
export async function startCollectorProcess(options: { databaseUrl: string; port: number; config: unknown }): Promise<ChildProcess> {
  const configDir = mkdtempSync(join(tmpdir(), 'cordon-bench-'));
  const configPath = join(configDir, 'cordon.config.json');
  writeFileSync(configPath, JSON.stringify(options.config));
  const child = fork(new URL('../dist/collector/cli.mjs', import.meta.url), ['start'], {
    execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, PORT: String(options.port), DATABASE_URL: options.databaseUrl, CORDON_CONFIG: configPath },
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the collector exited with ${code}`))));
  const healthy = async () => {
    for (;;) {
      const up = await fetch(`http://127.0.0.1:${options.port}/healthz`).then((response) => response.ok, () => false);
      if (up) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await Promise.race([healthy(), exited]).finally(() => rmSync(configDir, { recursive: true, force: true })); // read at start-up
  exited.catch(() => {}); // stopping it at the end is no failure
  return child;
}
