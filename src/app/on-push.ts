import type { RecordJob } from '../services/app/job-payloads.js';
import { pushEvent, readPayload } from './payloads.js';
import { targetOf, type AppRuntime } from './runtime.js';

/** `push` to the default branch: enqueues a record of the new head (the trend's next point). */
export function onPush(rt: AppRuntime) {
  return async (event: { id: string; payload: unknown }): Promise<void> => {
    const read = readPayload(pushEvent, event.payload);
    if (!read.ok) return rt.log(`push delivery ${event.id} ignored: ${read.reason}`);
    const p = read.value;
    if (p.deleted || p.ref !== `refs/heads/${p.repository.default_branch}` || !/^[0-9a-f]{40}$/.test(p.after)) return;
    const t = targetOf(p.repository, p.installation.id);
    const payload: RecordJob = { target: t, sha: p.after };
    const { job } = rt.queue.enqueue({ kind: 'record', repository: t.repository, subject: null, payload });
    rt.log(`${t.repository}: record job ${job.id} queued for ${p.after.slice(0, 10)}`);
    rt.wake();
  };
}
