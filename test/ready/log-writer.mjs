// A stand-in for syslog/logrotate in another process: plays a script of
// appends, renames (rotation) and truncations on a log file.
//   node log-writer.mjs FILE '[{"append":["line"]},{"sleep":50},{"rotate":"FILE.1"},{"truncate":true}]'
import { appendFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';

const [file, script] = process.argv.slice(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
for (const step of JSON.parse(script)) {
  if (step.append) for (const line of step.append) appendFileSync(file, line + '\n');
  if (step.appendTo)
    for (const line of step.appendTo.lines) appendFileSync(step.appendTo.file, line + '\n');
  if (step.sleep) await sleep(step.sleep);
  if (step.rotate) renameSync(file, step.rotate);
  if (step.create) writeFileSync(file, '');
  if (step.truncate) truncateSync(file, 0);
}
