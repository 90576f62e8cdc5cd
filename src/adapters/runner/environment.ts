/** Variables every trial gets from the parent when they are set there. */
const BASE = ['PATH', 'LANG', 'LC_ALL', 'TZ'] as const;

/**
 * Builds a trial's environment from scratch: PATH, LANG (and LC_ALL/TZ when set), a HOME
 * perfbot chooses, what perfbot itself sets, and the names on the allowlist. Nothing else
 * of the parent's environment (tokens, app secrets, `GITHUB_*`) reaches benchmark code.
 * @param allowlist variable names from the repo config; names matching `secretPattern` are refused
 */
export function buildTrialEnvironment(opts: {
  parent: NodeJS.ProcessEnv;
  home: string;
  allowlist: readonly string[];
  perfbot: Record<string, string>;
}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...BASE, ...opts.allowlist]) {
    if (isSecretName(name)) continue;
    const value = opts.parent[name];
    if (value !== undefined) env[name] = value;
  }
  env.LANG ??= 'C.UTF-8';
  env.HOME = opts.home;
  Object.assign(env, opts.perfbot);
  return env;
}

/** Names that look like credentials never pass the allowlist, whatever the config says. */
export function isSecretName(name: string): boolean {
  return /TOKEN|SECRET|PASSWORD|PRIVATE|CREDENTIAL|^GITHUB_|^GH_|^NPM_CONFIG_|^AWS_|API_KEY/i.test(name);
}
