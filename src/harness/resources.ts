import { PerformanceObserver, performance, type EventLoopUtilization } from 'node:perf_hooks';

/** CPU, event-loop, GC and memory use over a measured window. */
export interface ResourceUse {
  /** User + system CPU time, in microseconds. */
  cpuUs: number;
  /** Event-loop utilization, 0..1. */
  elu: number;
  gcCount: number;
  gcPauseMs: number;
  peakRssBytes: number;
  peakHeapBytes: number;
}

/** Watches the trial process; `start()` opens the window, `stop()` closes it and returns the use. */
export class ResourceMeter {
  private gcCount = 0;
  private gcPauseMs = 0;
  private peakHeap = 0;
  private readonly observer = new PerformanceObserver((list) => this.onGc(list.getEntries()));
  private cpu0: NodeJS.CpuUsage | null = null;
  private elu0: EventLoopUtilization | null = null;
  private gc0 = { count: 0, pause: 0 };

  constructor() {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  private onGc(entries: readonly { duration: number }[]): void {
    for (const entry of entries) {
      this.gcCount++;
      this.gcPauseMs += entry.duration;
    }
  }

  /** Samples heap use; called from the heartbeat, which fires whenever the benchmark yields. */
  sampleHeap(): void {
    const used = process.memoryUsage().heapUsed;
    if (used > this.peakHeap) this.peakHeap = used;
  }

  start(): void {
    this.sampleHeap();
    this.onGc(this.observer.takeRecords());
    this.gc0 = { count: this.gcCount, pause: this.gcPauseMs };
    this.cpu0 = process.cpuUsage();
    this.elu0 = performance.eventLoopUtilization();
  }

  stop(): ResourceUse {
    const cpu = process.cpuUsage(this.cpu0 ?? undefined);
    const elu = performance.eventLoopUtilization(this.elu0 ?? undefined);
    this.onGc(this.observer.takeRecords());
    this.sampleHeap();
    return {
      cpuUs: cpu.user + cpu.system,
      elu: elu.utilization,
      gcCount: this.gcCount - this.gc0.count,
      gcPauseMs: this.gcPauseMs - this.gc0.pause,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      peakHeapBytes: this.peakHeap,
    };
  }

  close(): void {
    this.observer.disconnect();
  }
}
