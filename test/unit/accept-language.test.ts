import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptedLanguages } from '../../collector/services/accept-language.ts';

test('Accept-Language is read by weight, equal weights in the order given', () => {
  assert.deepEqual(acceptedLanguages('en;q=0.2, es-MX;q=0.8, fr'), ['fr', 'es-MX', 'en']);
  assert.deepEqual(acceptedLanguages('es-MX,es;q=0.9,en;q=0.9'), ['es-MX', 'es', 'en']);
  assert.deepEqual(acceptedLanguages('en-US; q = 0.5 ,es;Q=1.000'), ['es', 'en-US']);
});

test('a language weighted 0, `*`, and parts that are no language range or weight are left out', () => {
  assert.deepEqual(acceptedLanguages('es;q=0, en;q=0.000, *, de;q=0.1'), ['de']);
  for (const garbage of ['', ',,;', '¿qué?', 'es;q=2', 'es;q=-1', 'es;q=0.0001', 'es;q=high', 'es_ES', 'e$', '=']) {
    assert.deepEqual(acceptedLanguages(garbage), [], garbage);
  }
  assert.deepEqual(acceptedLanguages(undefined), []);
  assert.deepEqual(acceptedLanguages('es;level=1, en'), ['es', 'en'], 'another parameter does not spoil the range');
});
