/**
 * Coalesces single lookups made in the same turn of the event loop into one batched call, so a burst of
 * concurrent requests costs one database round trip instead of one each.
 */
export function createBatcher<K, V>(loadMany: (keys: K[]) => Promise<V[]>, maxBatch = 1_000) {
  let pending: { key: K; resolve: (value: V) => void; reject: (error: unknown) => void }[] = [];

  async function flush() {
    const batch = pending;
    pending = [];
    try {
      const values = await loadMany(batch.map((item) => item.key));
      batch.forEach((item, index) => item.resolve(values[index]!));
    } catch (error) {
      for (const item of batch) item.reject(error);
    }
  }

  return (key: K): Promise<V> => new Promise<V>((resolve, reject) => {
    pending.push({ key, resolve, reject });
    if (pending.length === 1) setImmediate(flush);
    else if (pending.length >= maxBatch) void flush();
  });
}
