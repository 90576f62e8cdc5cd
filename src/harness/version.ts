/**
 * Version of the measurement method. Bump it whenever a change to the harness could move
 * numbers, so samples from before and after never share a fingerprint.
 */
export const HARNESS_VERSION = '2';
