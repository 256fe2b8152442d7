/**
 * A worker process for production: runs due jobs, dispatches committed events and runs their deliveries from the shared database,
 * beside any number of API nodes (`npm run worker`, or `node dist/server/src/worker.js`).
 */
import { closePlatform, openPlatform } from './boot.js';
import { startJobWorker, stopJobWorker } from './core/jobs.js';
import { logger } from './core/logger.js';

// openPlatform installs every module's job handlers and event subscribers: without them this
// process would claim jobs only to fail them with "no handler"
const config = await openPlatform({ migrate: false });
startJobWorker(config.workers.pollMs);
logger().info({ pollMs: config.workers.pollMs }, 'worker started');

async function stop(signal: string): Promise<void> {
  logger().info({ signal }, 'worker stopping');
  await stopJobWorker();
  await closePlatform();
  process.exit(0);
}
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
// keep the process alive: the worker timer is unref'd so that tests can exit
setInterval(() => undefined, 1 << 30);
