/**
 * Coalesces single calls made in the same turn of the event loop into one batched call, so a burst of concurrent
 * requests costs one database round trip (and one commit) instead of one each. At most `maxInFlight` batches run at
 * once; what arrives meanwhile waits for the next, so under load batches grow while a lone call still goes at once.
 * `onSaturated` hears of every key that has to wait so.
 */
export function createBatcher<K, V>(
  loadMany: (keys: K[]) => Promise<V[]>,
  options: { maxBatch: number; maxInFlight: number; onSaturated?: () => void },
) {
  let waiting: { key: K; resolve: (value: V) => void; reject: (error: unknown) => void }[] = [];
  let inFlight = 0;

  function pump() {
    while (inFlight < options.maxInFlight && waiting.length > 0) {
      const batch = waiting.slice(0, options.maxBatch);
      waiting = waiting.slice(options.maxBatch);
      inFlight += 1;
      loadMany(batch.map((item) => item.key))
        .then((values) => batch.forEach((item, index) => item.resolve(values[index]!)),
          (error: unknown) => batch.forEach((item) => item.reject(error)))
        .finally(() => {
          inFlight -= 1;
          pump();
        });
    }
  }

  return (key: K): Promise<V> => new Promise<V>((resolve, reject) => {
    waiting.push({ key, resolve, reject });
    if (inFlight >= options.maxInFlight) options.onSaturated?.();
    if (waiting.length === 1) setImmediate(pump);
  });
}
