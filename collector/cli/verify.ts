import { readJsonFile } from '../config/json-file.ts';
import { checkAttestation } from '../requests/attestation.ts';
import { openDatabase } from '../db/connect.ts';
import { verifyAuditChain } from '../services/audit-chain.ts';

interface DatabaseEnv { databaseUrl?: string; dataDir: string }

/** `cordon verify-audit`: 0 when every event is chained and every link holds, 1 naming the first bad event. */
export async function verifyAuditCommand(env: DatabaseEnv): Promise<number> {
  const database = await openDatabase({ url: env.databaseUrl, dataDir: env.dataDir });
  try {
    const verdict = await verifyAuditChain(database.db);
    if (!verdict.intact) {
      console.error(`cordon verify-audit: broken: ${verdict.message}`);
      return 1;
    }
    console.log(`cordon verify-audit: intact: ${verdict.links} event${verdict.links === 1 ? '' : 's'} chained${verdict.head ? `, head ${verdict.head.seq} ${verdict.head.hash}` : ''}`);
    return 0;
  } finally {
    await database.close();
  }
}

/** `cordon verify-attestation FILE`: 0 when the file is intact and signed by this collector, 1 otherwise. */
export async function verifyAttestationCommand(args: string[], env: DatabaseEnv): Promise<number> {
  const [path, ...extra] = args;
  if (!path || extra.length > 0) {
    console.error('usage: cordon verify-attestation FILE');
    return 2;
  }
  const file = readJsonFile(path);
  if (!file.ok) {
    console.error(`cordon verify-attestation: ${path}: ${file.problem === 'unreadable' ? (file.code === 'ENOENT' ? 'no such file' : `cannot be read (${file.code})`) : 'not JSON'}`);
    return 1;
  }
  const database = await openDatabase({ url: env.databaseUrl, dataDir: env.dataDir });
  try {
    const check = await checkAttestation(database.db, file.value);
    if (!check.intact) {
      console.error(`cordon verify-attestation: ${path} does not hold:\n${check.problems.map((problem) => `  ${problem}`).join('\n')}`);
      return 1;
    }
    console.log(`cordon verify-attestation: ${path} is intact and signed by this collector (request ${check.requestId})`);
    return 0;
  } finally {
    await database.close();
  }
}
