/**
 * What the App remembers of the deliveries it received (adapter: SqliteWebhookLedger): which
 * were handled, and the heads a pull request had over time. Times in milliseconds since the epoch.
 */
export interface WebhookLedger {
  /**
   * Records a delivery by its `x-github-delivery` id.
   * @returns `false` when it was handled before (a redelivery: do nothing)
   */
  firstDelivery(id: string, event: string, now: number): boolean;
  /** Records that a pull request had `headSha` as its head from `since` on (GitHub's time). */
  recordHead(repository: string, pr: number, headSha: string, since: number): void;
  /**
   * The pull request's heads, oldest first, as recorded from its `pull_request` events.
   * @returns an empty list when the App never saw an event of it
   */
  heads(repository: string, pr: number): { sha: string; since: number }[];
}
