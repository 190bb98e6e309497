/**
 * Worker thread of a parallel check: scans blocks of the file from the back
 * and sends back what `check` keeps of them (see parallel.ts, back-blocks.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanBlocksFromBack } from './back-blocks.js';
import type { PartJob, PartReply } from './parallel.js';

const job = workerData as PartJob;
const progress = new Float64Array(job.progress);
let reply: PartReply;
let transfer: ArrayBuffer[] = [];
try {
  const scanned = scanBlocksFromBack(job, (bytesRead) => {
    progress[0] = bytesRead;
  });
  reply = scanned;
  if (scanned.part !== null) {
    const leases = scanned.part.aggregates.leases;
    transfer = [leases.keys, leases.states, leases.offsetsLow, leases.offsetsHigh].map(
      (array) => array.buffer as ArrayBuffer,
    );
  }
} catch (error) {
  reply = { error: error instanceof Error ? error.message : String(error) };
}
parentPort!.postMessage(reply, transfer);
