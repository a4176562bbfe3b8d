import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { CHAIN_DIGEST, chainStep } from './chain.js';

/**
 * Hashes a run of chain entries (their canonical JSON, in seq order), batch after batch, continuing from `prev`:
 * post() hands a batch over, take() returns the hashes of the oldest batch not yet taken. The bulk writer's load of
 * many batches hashes on a thread of its own, so that SHA-256 (12 % of a catch-up insert's instructions) runs while
 * the writer moves the next batch into its table (audit/bulkChanges.ts); a small load hashes in place.
 */
export interface ChainHasher {
  post(entries: readonly string[]): void;
  take(): string[];
  close(): void;
}

export function chainHasher(prev: string, threaded: boolean): ChainHasher {
  if (threaded) {
    try {
      return new ThreadHasher(prev);
    } catch {
      // No thread to be had (resource limits): the same hashes, in place.
    }
  }
  return new InPlaceHasher(prev);
}

class InPlaceHasher implements ChainHasher {
  private readonly done: string[][] = [];
  constructor(private prev: string) {}

  post(entries: readonly string[]): void {
    this.done.push(entries.map((c) => (this.prev = chainStep(this.prev, c))));
  }

  take(): string[] {
    const hashes = this.done.shift();
    if (!hashes) throw new Error('chain hasher: no batch to take');
    return hashes;
  }

  close(): void {}
}

/**
 * The thread's script: plain JavaScript with Node's own modules only, so it starts in milliseconds under tsx as in
 * the built app. It hashes as chainStep does (the same digest, passed in; chainHasher.test.ts compares the two).
 */
const THREAD_SOURCE = `
const { workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const { port, counter, algorithm, encoding } = workerData;
const answered = new Int32Array(counter);
let prev = workerData.prev;
port.on('message', (entries) => {
  let answer;
  try {
    const hashes = new Array(entries.length);
    for (let i = 0; i < entries.length; i++) hashes[i] = prev = hash(algorithm, prev + entries[i], encoding);
    answer = { hashes };
  } catch (err) {
    answer = { error: String((err && err.message) || err) };
  }
  port.postMessage(answer);
  Atomics.add(answered, 0, 1);
  Atomics.notify(answered, 0);
});`;

/** How long take() waits for one batch's hashes (a few milliseconds each) before it names the thread as stuck. */
const TAKE_TIMEOUT_MS = 60_000;

class ThreadHasher implements ChainHasher {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly answered = new Int32Array(new SharedArrayBuffer(4));
  private taken = 0;

  constructor(prev: string) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data = { port: port2, counter: this.answered.buffer, prev, ...CHAIN_DIGEST };
    this.worker = new Worker(THREAD_SOURCE, { eval: true, workerData: data, transferList: [port2] });
    this.worker.unref();
  }

  post(entries: readonly string[]): void {
    this.port.postMessage(entries);
  }

  /** Waits (blocking: the caller is inside a synchronous write transaction) for the oldest batch's hashes. */
  take(): string[] {
    const want = ++this.taken;
    const deadline = Date.now() + TAKE_TIMEOUT_MS;
    for (let seen = Atomics.load(this.answered, 0); seen < want; seen = Atomics.load(this.answered, 0)) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.answered, 0, seen, left) === 'timed-out') {
        throw new Error(`chain hasher: its thread gave no hashes within ${TAKE_TIMEOUT_MS / 1000} s`);
      }
    }
    const answer = receiveMessageOnPort(this.port)?.message as { hashes?: string[]; error?: string } | undefined;
    if (!answer?.hashes) throw new Error(`chain hasher: ${answer?.error ?? 'its thread answered nothing'}`);
    return answer.hashes;
  }

  close(): void {
    this.port.close();
    void this.worker.terminate();
  }
}
