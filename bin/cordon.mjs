#!/usr/bin/env node
// The `cordon` command: TypeScript sources run through tsx, so there is no separate build of the collector.
import { register } from 'tsx/esm/api';

register();
await import('../collector/cli/main.ts');
