import { z } from 'zod';

/** Postgres text and jsonb cannot hold U+0000, so it is refused where input arrives rather than failing the write. */
export const text = () => z.string().regex(/^[^\u0000]*$/, 'must not contain the NUL character (U+0000)');
