import { installationEvent, installationRepositoriesEvent, readPayload } from './payloads.js';
import type { AppRuntime } from './runtime.js';

/** `installation` created/deleted: registers or forgets the repositories it covers. */
export function onInstallation(rt: AppRuntime) {
  return async (event: { id: string; payload: unknown }): Promise<void> => {
    const read = readPayload(installationEvent, event.payload);
    if (!read.ok) return rt.log(`installation delivery ${event.id} ignored: ${read.reason}`);
    const p = read.value;
    for (const r of p.repositories ?? []) {
      if (p.action === 'created' || p.action === 'unsuspend') rt.state.registerRepository(r.full_name, p.installation.id, null);
      else if (p.action === 'deleted' || p.action === 'suspend') rt.state.unregisterRepository(r.full_name);
    }
    rt.log(`installation ${p.installation.id} ${p.action}: ${(p.repositories ?? []).map((r) => r.full_name).join(', ') || 'no repositories listed'}`);
  };
}

/** `installation_repositories` added/removed: the same for repositories added to or removed from an installation. */
export function onInstallationRepositories(rt: AppRuntime) {
  return async (event: { id: string; payload: unknown }): Promise<void> => {
    const read = readPayload(installationRepositoriesEvent, event.payload);
    if (!read.ok) return rt.log(`installation_repositories delivery ${event.id} ignored: ${read.reason}`);
    const p = read.value;
    for (const r of p.repositories_added) rt.state.registerRepository(r.full_name, p.installation.id, null);
    for (const r of p.repositories_removed) rt.state.unregisterRepository(r.full_name);
    rt.log(`installation ${p.installation.id}: +${p.repositories_added.length} −${p.repositories_removed.length} repositories`);
  };
}
