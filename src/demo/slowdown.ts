/**
 * The demo's culprit: a plausible change to the NDJSON pipeline's enrich stage (stricter
 * validation of customer data) that costs that stage about a third more work, about 15% of
 * the pipeline's throughput.
 */
export const NDJSON_SLOWDOWN = {
  module: 'ndjson.mjs',
  subject: 'Validate customer e-mail addresses and names in billing records',
  patch(source: string): string {
    const target = 'if (isBillable(order)) yield projectOrder(order);';
    if (!source.includes(target)) throw new Error('demo: the enrich stage of ndjson.mjs changed; update src/demo/slowdown.ts');
    return (
      source.replace(target, 'if (isBillable(order) && hasValidCustomer(order)) yield projectOrder(order);') +
      `
// A deliverable address: RFC 5322 dot-atoms, a domain with a real TLD.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_\`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_\`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$/;

const SKU = /^SKU-[0-9]{4}$/;

/** Rejects orders whose customer has no deliverable e-mail (after Unicode normalization) or an empty name (both after Unicode normalization), or a malformed SKU. */
export function hasValidCustomer(order) {
  const email = normalizeEmail(order.customer.email.normalize('NFKC'));
  const name = normalizeName(order.customer.name.normalize('NFKC'));
  return EMAIL.test(email) && name.length > 0 && order.items.every((item) => SKU.test(item.sku));
}
`
    );
  },
};
