// `npm run mutate`: mutation testing (StrykerJS) of the modules that decide
// verdicts and writes. Not part of `npm test` or .ci/run: it takes long.
// One module at a time: MUTATE_MODULE=verify npm run mutate (a comma list
// works too); without it, every module below, one after the other in one run.
// Results: reports/mutation/<modules>.html and .json; the incremental file
// beside them lets the next run test only mutants whose code or tests changed.

/** Module → the files (or `file:from-to` line ranges) Stryker mutates. */
const modules = {
  check: [
    'src/check/check.ts',
    'src/check/aggregate.ts',
    'src/check/truncated.ts',
    'src/check/diagnose.ts',
    // The per-address table check keeps (it moved from src/check/address-table.ts).
    'src/model/ipv4-table.ts',
  ],
  // check one file or two at a time (a whole check run takes over an hour on a busy
  // machine), each with check's test list; `check` is their union.
  'check-main': ['src/check/check.ts'],
  'check-diagnose': ['src/check/diagnose.ts'],
  'check-rest': ['src/check/aggregate.ts', 'src/check/truncated.ts', 'src/model/ipv4-table.ts'],
  // The dhcpd simulation: what it keeps and writes at start-up, and how it reads a lease.
  'dhcpd-mdb': ['src/dhcpd/mdb.ts', 'src/dhcpd/partial-declaration.ts', 'src/dhcpd/outcome.ts'],
  // How dhcpd's lexer and parser read a lease file (1,823 mutants: hours on a busy machine).
  // One module per file as well, so that each file gets its own measured score and
  // incremental file; `dhcpd-parse` is their union.
  'dhcpd-parse-lex': ['src/dhcpd/conflex.ts'],
  'dhcpd-parse-recovery': ['src/dhcpd/confpars-recovery.ts'],
  'dhcpd-parse-lease': ['src/dhcpd/confpars-lease.ts'],
  'dhcpd-parse-ia': ['src/dhcpd/confpars-ia.ts'],
  'dhcpd-parse': [
    'src/dhcpd/confpars-lease.ts',
    'src/dhcpd/confpars-ia.ts',
    'src/dhcpd/confpars-recovery.ts',
    'src/dhcpd/conflex.ts',
  ],
  // repair = repair-plan + repair-write, each runnable alone.
  repair: ['src/repair/plan.ts', 'src/repair/write*.ts'],
  'repair-plan': ['src/repair/plan.ts'],
  'repair-write': ['src/repair/write*.ts'],
  verify: [
    'src/verify/compare.ts',
    'src/verify/snapshot-scan.ts',
    'src/verify/select.ts',
    'src/verify/verify.ts',
  ],
  // The snapshot scan and verify's own flow, measurable apart from compare and select.
  'verify-scan': ['src/verify/snapshot-scan.ts', 'src/verify/verify.ts'],
  ready: ['src/ready/judge.ts'],
  log: [
    'src/log/parse-line.ts',
    'src/log/classify.ts',
    'src/log/snapshots.ts',
    'src/log/history.ts',
    'src/log/peers.ts',
  ],
  // The subnet, range and declared-twice code of the configuration model (dhcpd's ranges):
  // conf/plan-ranges.ts and the `range` placement in conf/build.ts.
  conf: ['src/conf/plan-ranges.ts', 'src/conf/build.ts:398-426'],
};

/** The dhcpd-parse modules' tests (each file's mutants run only the tests that cover them). */
const dhcpdParseTests = [
  'test/dhcpd/conflex.test.ts',
  'test/dhcpd/eof-warning-line.test.ts',
  'test/dhcpd/statement-name.test.ts',
  'test/dhcpd/confpars-recovery.test.ts',
  'test/dhcpd/ia-reading-matches-real-dhcpd.test.ts',
  // An IA's refusal, reason, skip after it and closing place, and check's report of them.
  'test/dhcpd/ia-refusal-matches-real-dhcpd.test.ts',
  'test/dhcpd/partial-declaration.test.ts',
  'test/dhcpd/start-up-fate-per-lease.test.ts',
  'test/dhcpd/lease-reading-matches-real-dhcpd.test.ts',
  'test/dhcpd/lease-stored-statements.test.ts',
  // The reasons check gives for a partial lease's fate (the parser's `reason` texts among them).
  'test/dhcpd/partial-outcome-explained.test.ts',
  'test/dhcpd/ends-at-the-start-up-second.test.ts',
  // What check says of a partial lease the parser model only approximates.
  'test/dhcpd/partial-lease-approximate.test.ts',
  // Why dhcpd drops a partial lease, in check's words (the parser's `reason` texts).
  'test/dhcpd/partial-lease-reasons.test.ts',
  // Which option statements of a lease dhcpd keeps (agent options only).
  'test/dhcpd/lease-agent-options.test.ts',
  'test/dhcpd/lease-on-transmission.test.ts',
  // The IA times dhcpd -6 cannot write back (write_ia), in check's report.
  'test/dhcpd/ia-unwritable-time.test.ts',
];

/**
 * Module → the test files run against its mutants: the tests written for it, not every
 * file that imports it (the log parser is imported by nearly every test, and running
 * all of them for each mutant takes hours). MUTATE_TESTS (a comma list of globs)
 * overrides it; a module without an entry runs every test related to it.
 */
const tests = {
  log: [
    'test/log/parse-line.test.ts',
    'test/log/classify.test.ts',
    'test/log/history.test.ts',
    'test/log/history-edge-cases.test.ts',
    'test/log/failover-history.test.ts',
    'test/log/read.test.ts',
    'test/ready/log-formats.test.ts',
  ],
  // dhcpd-agreement runs dhcpd -t in the same test as the model: too slow to repeat per mutant.
  conf: [
    'test/conf/range-refusals-match-dhcpd.test.ts',
    'test/conf/reversed-range.test.ts',
    'test/conf/load.test.ts',
    'test/conf/queries.test.ts',
  ],
  // Not the namespace scenario with OMAPI (minutes per run; its library part is in the others).
  verify: [
    'test/verify/config.test.ts',
    'test/verify/counters-and-complaints.test.ts',
    'test/verify/counts-cite-their-lines.test.ts',
    'test/verify/data-loss-is-caught.test.ts',
    'test/verify/data-loss-says-where-the-snapshot-ends.test.ts',
    'test/verify/failover-startup-seal.test.ts',
    'test/verify/more-in-snapshot-than-logged.test.ts',
    'test/verify/no-reference-and-ambiguity-reasons.test.ts',
    'test/verify/real-dhcpd-config.test.ts',
    'test/verify/real-fixtures-are-consistent.test.ts',
    'test/verify/reference-selection.test.ts',
    'test/verify/report-wording-and-fields.test.ts',
    'test/verify/server-choice.test.ts',
    'test/verify/snapshot-scan-chunking.test.ts',
    'test/verify/snapshot-scan-edges.test.ts',
    'test/verify/snapshot-scan-order.test.ts',
    'test/verify/v6-snapshot.test.ts',
    'test/verify/verify-flow.test.ts',
  ],
  // The dhcpd model's library tests, not the differential tests that run dhcpd -T for every
  // byte cut or every generated file (hundreds to thousands of runs per mutant: hours), nor
  // the namespace one. Their cases are compared in the files below with a few dhcpd -T runs
  // whose answers are kept between runs (test/dhcpd/cached-dhcpd-test.ts).
  'dhcpd-mdb': [
    'test/dhcpd/mdb.test.ts',
    'test/dhcpd/start-up-fate-per-lease.test.ts',
    'test/dhcpd/ends-at-the-start-up-second.test.ts',
    'test/dhcpd/partial-declaration.test.ts',
    'test/dhcpd/partial-outcome-explained.test.ts',
    // Both input forms of the start-up model, and a partial lease as its input.
    'test/dhcpd/keeps-input-forms.test.ts',
    // check's words for a partial lease: approximations, reasons, the address dhcpd reads.
    'test/dhcpd/partial-lease-approximate.test.ts',
    'test/dhcpd/partial-lease-reasons.test.ts',
    'test/dhcpd/partial-lease-address.test.ts',
  ],
  'dhcpd-parse': dhcpdParseTests,
  'dhcpd-parse-lex': dhcpdParseTests,
  'dhcpd-parse-recovery': dhcpdParseTests,
  'dhcpd-parse-lease': dhcpdParseTests,
  'dhcpd-parse-ia': dhcpdParseTests,
  // Not large-file-bounded (it times the repair against a copy: instrumented code is slower);
  // partial-ia-repair holds the only tests of closing a cut IA (dhcpd -6 -T per case).
  repair: [
    'test/repair/after-rename.test.ts',
    'test/repair/keeps-xattrs-and-acls.test.ts',
    'test/repair/plan-removes-exact-bytes.test.ts',
    'test/repair/preen.test.ts',
    'test/repair/preen-then-real-dhcpd-starts.test.ts',
    'test/repair/real-dhcpd-accepts-repair.test.ts',
    'test/repair/salvage-drop-restore.test.ts',
    'test/repair/stream-hashes.test.ts',
    'test/repair/undo-manifest.test.ts',
    'test/repair/write-last-recheck.test.ts',
    'test/repair/write-protocol-failures.test.ts',
    'test/repair/write-refusals.test.ts',
    'test/repair/plan-*.test.ts',
    'test/repair/write-*.test.ts',
    'test/real-dhcpd/partial-ia-repair.test.ts',
  ],
  // write.ts alone: the tests that call applyPlan (plan.ts's own tests add nothing there).
  'repair-write': [
    'test/repair/after-rename.test.ts',
    'test/repair/keeps-xattrs-and-acls.test.ts',
    'test/repair/salvage-drop-restore.test.ts',
    'test/repair/undo-manifest.test.ts',
    'test/repair/write-*.test.ts',
  ],
  // The library tests that read a check report: test/check (parallel.test.ts is left out by
  // vitest.mutate.config.ts: its worker threads never load a mutant), the address table's own
  // tests (test/model), what dhcpd keeps after damage (confpars-recovery), the generated-file
  // property test, and the tests of what reads the report: repair's plan, ready's and verify's
  // use of it. Not the rest of test/dhcpd: those run dhcpd -T per byte cut or generated file,
  // or start dhcpd (hours per run), and their check side is covered by check's own tests; not
  // repair's write tests (they test the write; the plan tests cover its check report).
  check: [
    'test/check/**/*.test.ts',
    'test/model/**/*.test.ts',
    'test/dhcpd/confpars-recovery.test.ts',
    'test/arbitraries/check.test.ts',
    'test/repair/plan-*.test.ts',
    'test/ready/config.test.ts',
    'test/verify/no-reference-and-ambiguity-reasons.test.ts',
  ],
  ready: ['test/ready/**/*.test.ts'],
};

// plan.ts is read by every repair test; verify.ts and snapshot-scan.ts by every verify test.
tests['repair-plan'] = tests.repair;
tests['verify-scan'] = tests.verify;
tests['check-main'] = tests.check;
tests['check-diagnose'] = tests.check;
tests['check-rest'] = tests.check;

// The per-file parts are left out of the default "every module" run: their unions have them.
const parts = new Set([
  'dhcpd-parse-lex',
  'dhcpd-parse-recovery',
  'dhcpd-parse-lease',
  'dhcpd-parse-ia',
  'repair-plan',
  'repair-write',
  'verify-scan',
  'check-main',
  'check-diagnose',
  'check-rest',
]);
const everyModule = Object.keys(modules).filter((name) => !parts.has(name));
const chosen = (process.env.MUTATE_MODULE ?? everyModule.join(','))
  .split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of chosen) {
  if (!(name in modules)) {
    throw new Error(`MUTATE_MODULE: no module ${name} (known: ${Object.keys(modules).join(', ')})`);
  }
}
const label = chosen.join('+');
// Read by vitest.mutate.config.ts in Stryker's test process, which inherits this environment.
if (process.env.MUTATE_TESTS === undefined && chosen.every((name) => name in tests)) {
  process.env.MUTATE_TESTS = [...new Set(chosen.flatMap((name) => tests[name]))].join(',');
}

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: true },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: chosen.flatMap((name) => modules[name]),
  coverageAnalysis: 'perTest',
  // Mutants in code run at module load would need every test file for each:
  // left out (reported as ignored) to keep a module's run within minutes.
  ignoreStatic: true,
  // The machine is shared: one test process.
  concurrency: 1,
  incremental: true,
  incrementalFile: `reports/mutation/${label}.incremental.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${label}.html` },
  jsonReporter: { fileName: `reports/mutation/${label}.json` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  thresholds: { high: 90, low: 80, break: null },
  // MUTATE_TIMEOUT_MS: 10 s suits the dhcpd-parse modules (mutants that loop for ever in the
  // lexer's and the parser's skips otherwise take half a minute each).
  timeoutMS: Number(process.env.MUTATE_TIMEOUT_MS ?? 20_000),
  // Modules imported by the check (conf, model, log) are related to most test files: their first
  // run of every covering test takes longer than Stryker's default 5 minutes on a busy machine.
  dryRunTimeoutMinutes: 30,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'reports', 'coverage', 'bench/out', '.stryker-tmp'],
  cleanTempDir: 'always',
};
