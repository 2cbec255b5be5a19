import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';

/**
 * A Postgres server of a test's own, on its own port, so the test may restart it without disturbing the shared
 * server other tests use. Built from the Debian binaries the machine already has; run as the postgres user
 * because the server refuses to run as root.
 */
export function startPrivatePostgres(port: number) {
  const version = readdirSync('/usr/lib/postgresql').sort().at(-1)!;
  const bin = (name: string) => `/usr/lib/postgresql/${version}/bin/${name}`;
  const dir = mkdtempSync(join(tmpdir(), 'cordon-pg-'));
  const asOwner = (file: string, args: string[]) => {
    const command = userInfo().uid === 0 ? ['runuser', '-u', 'postgres', '--', file, ...args] : [file, ...args];
    execFileSync(command[0]!, command.slice(1), { stdio: 'pipe' });
  };
  if (userInfo().uid === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
  const data = join(dir, 'data');
  asOwner(bin('initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const pgCtl = (...args: string[]) => asOwner(bin('pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', ...args]);
  pgCtl('start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => pgCtl('-m', 'fast', 'restart'),
    stop() {
      pgCtl('-m', 'immediate', 'stop');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
