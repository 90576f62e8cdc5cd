import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Tests never read the developer's or CI machine's git config: git finds no global config
// in an empty HOME, and the system config is off.
const home = mkdtempSync(join(tmpdir(), 'perfbot-test-home-'));
process.env.HOME = home;
process.env.XDG_CONFIG_HOME = join(home, '.config');
process.env.GIT_CONFIG_NOSYSTEM = '1';
process.env.PERFBOT_CACHE = join(home, 'cache');
