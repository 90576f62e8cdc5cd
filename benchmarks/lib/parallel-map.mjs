// Ordered parallel map for async-iterable pipelines (like p-map / `ordered` stream helpers):
// runs an async worker on each item with at most `concurrency` calls in flight and yields the
// results in input order. A slow item holds back the ones after it (head-of-line), but never
// more than `concurrency` of them.

const ignore = () => {};

/**
 * Returns a pipeline stage (an async generator function named `name`) that maps every item
 * through `worker`.
 * @param {(item: unknown) => Promise<unknown>} worker
 * @param {{ concurrency: number, name?: string }} options
 */
export function mapOrdered(worker, { concurrency, name = 'mapOrdered' }) {
  if (!(concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
  const stage = async function* (source) {
    const pending = []; // promises of results, oldest first
    for await (const item of source) {
      const result = worker(item);
      // A rejection is rethrown when its turn comes; until then it must not count as unhandled.
      result.catch(ignore);
      pending.push(result);
      if (pending.length >= concurrency) yield await pending.shift();
    }
    while (pending.length > 0) yield await pending.shift();
  };
  Object.defineProperty(stage, 'name', { value: name });
  return stage;
}
