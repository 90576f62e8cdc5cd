// Access-log lines and the per-line work a log consumer does: parse the line and fold it into
// per-route statistics. Used as the slow consumer behind the bounded queue.
import { createRandom } from './prng.mjs';

const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const ROUTES = ['/api/orders', '/api/orders/:id', '/api/users/:id', '/api/cart', '/health', '/api/search', '/static/app.js', '/login'];
const STATUSES = [200, 200, 200, 200, 201, 204, 304, 400, 404, 500];

/** `count` access-log lines like `2024-05-01T10:00:00.123Z 10.0.3.7 GET /api/cart 200 1432 12.5ms "agent"`. */
export function makeAccessLog(count, seed = 1) {
  const random = createRandom(seed);
  const lines = [];
  let t = Date.UTC(2024, 4, 1);
  for (let i = 0; i < count; i++) {
    t += random.int(0, 40);
    const route = ROUTES[random.skewed(ROUTES.length)].replace(':id', String(random.int(1, 99999)));
    lines.push(
      `${new Date(t).toISOString()} 10.0.${random.int(0, 255)}.${random.int(1, 254)} ${random.pick(METHODS)} ${route} ` +
        `${random.pick(STATUSES)} ${random.int(0, 65536)} ${(random.next() * 250).toFixed(1)}ms "client/${random.int(1, 9)}.${random.int(0, 20)}"`,
    );
  }
  return lines;
}

/** Parses one access-log line into its fields. */
export function parseAccessLine(line) {
  const parts = line.split(' ');
  return {
    ts: parts[0],
    ip: parts[1],
    method: parts[2],
    path: parts[3],
    status: Number(parts[4]),
    bytes: Number(parts[5]),
    ms: parseFloat(parts[6]),
  };
}

/** Collapses ids in a path (`/api/users/123` -> `/api/users/:id`) so routes group together. */
export function routeOf(path) {
  return path.replace(/\/\d+(?=\/|$)/g, '/:id');
}

/** Per-route request statistics; bounded by the number of distinct routes. */
export class RouteStats {
  constructor() {
    this.routes = new Map();
  }

  add(record) {
    const key = `${record.method} ${routeOf(record.path)}`;
    let s = this.routes.get(key);
    if (s === undefined) {
      s = { count: 0, errors: 0, bytes: 0, totalMs: 0, maxMs: 0 };
      this.routes.set(key, s);
    }
    s.count++;
    if (record.status >= 500) s.errors++;
    s.bytes += record.bytes;
    s.totalMs += record.ms;
    if (record.ms > s.maxMs) s.maxMs = record.ms;
  }
}
