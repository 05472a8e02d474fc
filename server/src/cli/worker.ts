// The worker thread of the CLI's pool (cli/pool.ts), bundled as dist/cliWorker.js: checks the
// batches of files it is sent, one batch after another, and posts each batch's outcomes back in order.
import { parentPort } from 'node:worker_threads';
import { checkFile, type FileJob, type FileOutcome } from './checkFile';

const port = parentPort;
if (!port) throw new Error('cliWorker.js runs as a worker thread of dist/cli.js');
let done = Promise.resolve();
port.on('message', (batch: FileJob[]) => {
  done = done.then(async () => {
    const outcomes: FileOutcome[] = [];
    for (const job of batch) outcomes.push(await checkFile(job));
    port.postMessage(outcomes);
  });
});
