/** What makes samples comparable (design §1). */
export interface Fingerprint {
  runner: string;
  cpu: string;
  cores: number;
  node: string;
  harness: string;
  /** CPU pinning of trial processes, e.g. `taskset:1` or `none`. */
  pinning: string;
}

/** A stable text form of a fingerprint, the key samples are grouped by. */
export function fingerprintKey(f: Fingerprint): string {
  return [f.runner, f.cpu, f.cores, f.node, f.harness, f.pinning].join('|');
}
