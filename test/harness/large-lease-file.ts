// A clean lease file of a given size for the tests that need a large one
// (the two-thread check, the WebAssembly tiers), written a MB at a time.
import { closeSync, openSync, writeSync } from 'node:fs';

const hex = (n: number): string => (n & 255).toString(16).padStart(2, '0');

/** Lease number `i`: a distinct address and hardware address, free or active. */
function lease(i: number): string {
  return (
    `lease 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} {\n` +
    '  starts 4 2026/11/26 10:00:00;\n  ends 4 2026/11/26 22:00:00;\n  cltt 4 2026/11/26 10:00:00;\n' +
    `  binding state ${i % 3 === 0 ? 'free' : 'active'};\n  next binding state free;\n` +
    `  rewind binding state free;\n  hardware ethernet 00:0c:${hex(i >> 16)}:${hex(i >> 8)}:${hex(i)}:01;\n}\n`
  );
}

/** Writes leases to `path` until it holds more than `bytes` bytes; returns `path`. */
export function writeLeaseFileOver(path: string, bytes: number): string {
  const fd = openSync(path, 'w');
  try {
    let pending: string[] = [];
    let pendingBytes = 0;
    let size = 0;
    for (let i = 0; size <= bytes; i++) {
      const text = lease(i);
      pending.push(text);
      size += text.length;
      pendingBytes += text.length;
      if (pendingBytes >= 1 << 20) {
        writeSync(fd, pending.join(''));
        pending = [];
        pendingBytes = 0;
      }
    }
    writeSync(fd, pending.join(''));
  } finally {
    closeSync(fd);
  }
  return path;
}
