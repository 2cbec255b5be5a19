import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../config/load.ts';

/** Another live process holds the embedded database; commands that need it say what to do about it. */
export class DataDirInUse extends ConfigError {
  constructor(readonly dataDir: string, readonly holder: number) {
    super(`the embedded database in ${dataDir} is in use by process ${holder} (a running collector?): PGlite allows one process at a time; stop it, or set DATABASE_URL to a Postgres`);
  }
}

/**
 * PGlite runs Postgres inside one process and does not notice a second one opening the same directory: two would
 * corrupt it. A file with the holder's pid keeps the second out, with a message saying who holds it; one left
 * by a process that died is taken over.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'cordon.pid');
  for (;;) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(readFileSync(path, 'utf8'));
    if (isAlive(holder)) {
      throw new DataDirInUse(dataDir, holder);
    }
    rmSync(path, { force: true });
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
