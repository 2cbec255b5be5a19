import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBatcher } from '../../collector/services/batcher.ts';

test('the batcher reports saturation only when a call has to wait for a batch in flight', async () => {
  let finishBatch = () => {};
  let saturatedReports = 0;
  const load = createBatcher<number, number>(
    (keys) => new Promise((resolve) => { finishBatch = () => resolve(keys); }),
    { maxBatch: 10, maxInFlight: 1, onSaturated: () => { saturatedReports += 1; } },
  );
  const first = load(1);
  await new Promise((resolve) => setImmediate(resolve)); // its batch is now in flight
  assert.equal(saturatedReports, 0, 'a lone call goes at once');
  const waiting = [load(2), load(3)];
  assert.equal(saturatedReports, 2, 'each call behind the batch in flight is reported');
  finishBatch();
  assert.equal(await first, 1);
  await new Promise((resolve) => setImmediate(resolve));
  finishBatch();
  assert.deepEqual(await Promise.all(waiting), [2, 3]);
});
