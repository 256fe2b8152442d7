/** Test environment, set before any platform module reads its configuration. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

process.env.NODE_ENV = 'test';
process.env.DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 's2b2c-test-'));
process.env.RATE_LIMITS ??= 'off';
process.env.LOG_LEVEL ??= 'silent';
