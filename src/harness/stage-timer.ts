import { now } from './clock.js';

/**
 * Attributes wall time to pipeline stages so the bottleneck can be named.
 *
 * Stream stages run synchronously nested (a `push()` runs the next stage's `_transform`
 * inside the current one), so they are tracked on a stack and only the innermost stage is
 * charged. Async stages (async generators, transforms that call back later) are charged while
 * they hold an item and are not waiting on their input, and only while no stream stage is on
 * the stack; when several are busy at once the time is split between them.
 */
export class StageTimer {
  readonly busy: Float64Array;
  private readonly stack: number[] = [];
  private readonly pending: Int32Array; // async work a stage is doing (outer next() or unfinished callback)
  private readonly waiting: Int32Array; // of which: waiting on its input
  private last = now();

  constructor(readonly names: readonly string[]) {
    this.busy = new Float64Array(names.length);
    this.pending = new Int32Array(names.length);
    this.waiting = new Int32Array(names.length);
  }

  private tick(): void {
    const t = now();
    const dt = t - this.last;
    this.last = t;
    if (this.stack.length > 0) {
      this.busy[this.stack[this.stack.length - 1]!]! += dt;
      return;
    }
    let active = 0;
    for (let i = 0; i < this.names.length; i++) if (this.pending[i]! > this.waiting[i]!) active++;
    if (active === 0) return;
    for (let i = 0; i < this.names.length; i++) if (this.pending[i]! > this.waiting[i]!) this.busy[i]! += dt / active;
  }

  enter(stage: number): void {
    this.tick();
    this.stack.push(stage);
  }

  exit(): void {
    this.tick();
    this.stack.pop();
  }

  beginAsync(stage: number): void {
    this.tick();
    this.pending[stage]!++;
  }

  endAsync(stage: number): void {
    this.tick();
    this.pending[stage]!--;
  }

  beginWait(stage: number): void {
    this.tick();
    this.waiting[stage]!++;
  }

  endWait(stage: number): void {
    this.tick();
    this.waiting[stage]!--;
  }

  /** Resets the busy totals, e.g. at the start of the measured window. */
  reset(): void {
    this.tick();
    this.busy.fill(0);
  }
}
