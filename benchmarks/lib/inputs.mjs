// Shared input pools for the handle-form benchmarks. Built once in setup, cycled by index.
import { createRandom } from './prng.mjs';

/** Payment-like records: { id, account, amount, note }. */
export function makePayments(count, seed = 1) {
  const random = createRandom(seed);
  const payments = [];
  for (let i = 0; i < count; i++) {
    payments.push({
      id: i,
      account: `acct-${String(random.skewed(5000)).padStart(5, '0')}`,
      amount: random.int(1, 500_000) / 100,
      note: random.word(random.int(8, 24)),
    });
  }
  return payments;
}
