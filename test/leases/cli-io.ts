// Runs the CLI in-process and captures what it prints.
import { runCli } from '../../src/cli/main.js';

export async function runLeasecheck(
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    out: (text) => {
      out += text;
    },
    outBytes: (bytes) => {
      out += Buffer.from(bytes).toString('latin1');
    },
    err: (text) => {
      err += text;
    },
    colour: false,
    stderrIsTty: false,
  });
  return { code, out, err };
}
