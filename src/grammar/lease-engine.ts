/**
 * The lease recogniser the rest of leasecheck runs: the JavaScript one
 * (generated/lease-recogniser.ts) or the WebAssembly one
 * (generated/lease-recogniser-wasm.ts): the same grammar, the same exports,
 * the same results (test/grammar/wasm-engine.test.ts).
 *
 * Everything that reads a match's state or events imports the recogniser
 * from here, so that the match and the reading are the same engine's.
 */
export * from './generated/lease-recogniser.js';
