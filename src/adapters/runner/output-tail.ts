/** Keeps the last `capBytes` of a stream's output and counts everything written. */
export class OutputTail {
  private chunks: Buffer[] = [];
  private kept = 0;
  total = 0;

  constructor(private readonly capBytes: number) {}

  append(chunk: Buffer): void {
    this.total += chunk.length;
    this.chunks.push(chunk);
    this.kept += chunk.length;
    while (this.kept - this.chunks[0]!.length >= this.capBytes) this.kept -= this.chunks.shift()!.length;
  }

  /** The kept text, cut to at most `capBytes` (from the end). */
  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.capBytes)).toString('utf8');
  }

  /** The last `n` non-empty lines. */
  lastLines(n: number): string[] {
    return this.text().split('\n').map((l) => l.trimEnd()).filter(Boolean).slice(-n);
  }
}
