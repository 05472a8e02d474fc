/**
 * Checks files on worker threads (dist/cliWorker.js) and in the main thread at once. The workers
 * take small batches of jobs, the main thread one job at a time between its other work; the
 * outcomes come back in job order, so the report is the same as from one thread. A worker that
 * dies or cannot start (out of memory, a crash, a missing bundle) never hangs the run: the files it
 * held are checked again by the main thread, which keeps checking until none is left.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkFile, type FileJob, type FileOutcome } from './checkFile';

interface Slot {
  worker: Worker;
  /** The batches of job indexes it was sent and has not answered, oldest first. */
  batches: number[][];
}

/** Batches a worker holds at once: the next is there when it finishes one, while the main thread is busy. */
const batchesInFlight = 2;

export class CheckPool {
  private readonly outcomes: (Promise<FileOutcome> | undefined)[] = [];
  private readonly settle: ((outcome: FileOutcome) => void)[] = [];
  /** Indexes of the jobs not yet taken, in order; stdin is not among them. */
  private readonly queue: number[] = [];
  private readonly live = new Set<Slot>();
  private settled = 0;
  /** Wakes the main thread's loop, idle while the workers hold every job left. */
  private wake: (() => void) | undefined;

  private constructor(
    private readonly jobs: readonly FileJob[],
    private readonly warn: (message: string) => void,
  ) {
    jobs.forEach((job, i) => {
      this.outcomes.push(new Promise((resolve) => (this.settle[i] = resolve)));
      // stdin is read by the main thread: a worker has none of its own.
      if (job.candidate.stdin) void this.checkHere(i);
      else this.queue.push(i);
    });
  }

  /**
   * Starts `workers` worker threads on `jobs` and checks in this thread too; `dir` holds the
   * worker's bundle; `warn` hears of a worker that stopped.
   */
  static start(jobs: readonly FileJob[], workers: number, dir: string, warn: (message: string) => void): CheckPool {
    const pool = new CheckPool(jobs, warn);
    for (let i = 0; i < workers; i++) pool.spawn(path.join(dir, 'cliWorker.js'));
    void pool.checkQueueHere();
    return pool;
  }

  /** The outcomes in job order, each as soon as it and those before it are known. */
  async *outcomesInOrder(): AsyncGenerator<FileOutcome> {
    for (let i = 0; i < this.jobs.length; i++) {
      yield await this.outcomes[i]!;
      this.outcomes[i] = undefined; // the report keeps what it needs
    }
  }

  /** Stops the workers (all idle once every outcome is in). */
  async close(): Promise<void> {
    const slots = [...this.live];
    this.live.clear(); // stopped on purpose: no warning
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(file: string): void {
    const slot: Slot = { worker: new Worker(file), batches: [] };
    this.live.add(slot);
    slot.worker.on('message', (outcomes: FileOutcome[]) => {
      const batch = slot.batches.shift()!;
      batch.forEach((index, i) => this.resolve(index, outcomes[i]));
      this.feed(slot);
    });
    const died = (why: string): void => {
      if (!this.live.delete(slot)) return;
      this.warn(`selinux-mounts: ${why}; its files are checked in the main thread`);
      this.queue.unshift(...slot.batches.flat());
      slot.batches = [];
      this.wake?.();
    };
    slot.worker.on('error', (err) => died(`a worker thread failed (${err instanceof Error ? err.message : String(err)})`));
    slot.worker.on('exit', (code) => died(`a worker thread stopped (exit code ${code})`));
    this.feed(slot);
  }

  /** Tops a worker up to its batches in flight: small ones, so that everyone finishes together. */
  private feed(slot: Slot): void {
    while (slot.batches.length < batchesInFlight) {
      const left = this.queue.length;
      if (left === 0) return;
      const batch = this.queue.splice(0, Math.max(1, Math.min(16, Math.floor(left / (4 * (this.live.size + 1))))));
      slot.batches.push(batch);
      slot.worker.postMessage(batch.map((i) => this.jobs[i]));
    }
  }

  private resolve(index: number, outcome: FileOutcome): void {
    this.settled++;
    this.settle[index](outcome);
    this.wake?.();
  }

  /** The main thread's share: one job at a time, handling the workers' messages in between. */
  private async checkQueueHere(): Promise<void> {
    // A dead worker's files come back to the queue: until every outcome is in, wait for them.
    while (this.settled < this.jobs.length) {
      if (this.queue.length > 0) {
        await this.checkHere(this.queue.shift()!);
        await new Promise(setImmediate);
      } else await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private async checkHere(index: number): Promise<void> {
    this.resolve(index, await checkFile(this.jobs[index]));
  }
}
