/**
 * Worker thread of a parallel check: loads the scanner, waits for its job
 * (it may be started before the main thread knows the file; see
 * check-worker.ts), scans blocks of the file from the back and sends back
 * what `check` keeps of them (see parallel.ts, back-blocks.ts).
 */
import { parentPort } from 'node:worker_threads';
import { buffersOf } from '../model/ipv4-table.js';
import { scanBlocksFromBack } from './back-blocks.js';
import type { PartJob, PartReply } from './parallel.js';

parentPort!.once('message', (job: PartJob) => {
  const { reply, transfer } = run(job);
  parentPort!.postMessage(reply, transfer);
});

function run(job: PartJob): { reply: PartReply; transfer: ArrayBuffer[] } {
  const progress = new Float64Array(job.progress);
  let transfer: ArrayBuffer[] = [];
  try {
    const scanned = scanBlocksFromBack(job, (bytesRead) => {
      progress[0] = bytesRead;
    });
    if (scanned.part !== null) {
      transfer = buffersOf(scanned.part.aggregates.leases);
    }
    return { reply: scanned, transfer };
  } catch (error) {
    return {
      reply: { error: error instanceof Error ? error.message : String(error) },
      transfer: [],
    };
  }
}
