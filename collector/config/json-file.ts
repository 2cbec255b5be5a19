import { readFileSync } from 'node:fs';

export type JsonFile =
  | { ok: true; value: unknown }
  | { ok: false; problem: 'unreadable'; code: string | undefined }
  | { ok: false; problem: 'not-json'; message: string };

/** A JSON file from outside, read and parsed; each caller words what went wrong for its own reader. */
export function readJsonFile(path: string): JsonFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, problem: 'unreadable', code: (error as NodeJS.ErrnoException).code };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: 'not-json', message: (error as Error).message };
  }
}
