import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeResult } from '../../collector/requests/result-text.ts';

const deleted = (told: number) => describeResult({ kind: 'delete', removed: ['users'], kept: [], told }, 'es');
const corrected = (told: number) => describeResult({ kind: 'correct', fields: ['name'], tables: 2, told }, 'es');

test('in Spanish, what one service provider was asked to do takes a singular verb, and several a plural one', () => {
  assert.match(deleted(1), /Pedimos a 1 proveedor de servicios que también la elimine\./);
  assert.match(deleted(3), /Pedimos a 3 proveedores de servicios que también la eliminen\./);
  assert.match(corrected(1), /Pedimos a 1 proveedor de servicios que también haga la corrección\./);
  assert.match(corrected(2), /Pedimos a 2 proveedores de servicios que también hagan la corrección\./);
});
