/**
 * Worker thread of a parallel check: scans one part of the file and sends
 * back what `check` keeps of it (see parallel.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { partToData, scanPart } from './part.js';
import type { PartJob, PartReply } from './parallel.js';

const job = workerData as PartJob;
const progress = new Float64Array(job.progress);
let reply: PartReply;
let transfer: ArrayBuffer[] = [];
try {
  const part = partToData(
    scanPart(job.path, job.maxProblems, {
      range: job.range,
      ...(job.chunkSize !== undefined ? { chunkSize: job.chunkSize } : {}),
      onProgress: (bytesRead) => {
        progress[0] = bytesRead - job.range.start;
      },
    }),
  );
  const leases = part.aggregates.leases;
  transfer = [leases.keys, leases.states, leases.offsetsLow, leases.offsetsHigh].map(
    (array) => array.buffer as ArrayBuffer,
  );
  reply = { part };
} catch (error) {
  reply = { error: error instanceof Error ? error.message : String(error) };
}
parentPort!.postMessage(reply, transfer);
