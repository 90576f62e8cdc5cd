// NDJSON order-processing pipeline: bytes in, one JSON document per line, bytes out.
//
//   ParseNdjson (Transform)  ->  enrichOrders (async generator)  ->  SerializeNdjson (Transform)
//
// Each stage's per-record work lives in its own function (parseLine, projectOrder,
// serializeRecord) so the stages can be read, tested and timed separately.

import { Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createRandom } from './prng.mjs';

// ---------------------------------------------------------------------------------------------
// Stage 1: split a byte/text stream into lines and parse each line as JSON.

/** Parses one NDJSON line; returns `undefined` for a line that is not valid JSON. */
export function parseLine(line) {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * Splits incoming chunks (strings or Buffers, cut anywhere, even inside a UTF-8 sequence)
 * into lines and emits one parsed object per non-empty line. Bad lines are counted, not fatal.
 */
export class ParseNdjson extends Transform {
  constructor() {
    super({ writableObjectMode: true, readableObjectMode: true });
    this.decoder = new StringDecoder('utf8');
    this.tail = '';
    this.lines = 0;
    this.badLines = 0;
  }

  _transform(chunk, _encoding, callback) {
    const text = this.tail + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    let start = 0;
    let newline;
    while ((newline = text.indexOf('\n', start)) !== -1) {
      this.#emit(text.slice(start, newline));
      start = newline + 1;
    }
    this.tail = start === 0 ? text : text.slice(start);
    callback();
  }

  _flush(callback) {
    this.#emit(this.tail + this.decoder.end());
    this.tail = '';
    callback();
  }

  #emit(line) {
    if (line.length === 0 || line === '\r') return;
    this.lines++;
    const record = parseLine(line);
    if (record === undefined) this.badLines++;
    else this.push(record);
  }
}

// ---------------------------------------------------------------------------------------------
// Stage 2: filter, enrich and project orders.

/** VAT-like tax rates by destination country (fractions). */
export const TAX_RATES = { DE: 0.19, FR: 0.2, NL: 0.21, SE: 0.25, US: 0.0725, GB: 0.2, PL: 0.23, IT: 0.22 };
const DEFAULT_TAX_RATE = 0.2;

/** Only paid and shipped orders are billable; drafts, cancellations and test orders are dropped. */
export function isBillable(order) {
  return (order.status === 'paid' || order.status === 'shipped') && !order.test;
}

/** Trims, collapses inner whitespace and title-cases a person's name. */
export function normalizeName(name) {
  return name
    .trim()
    .split(/\s+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join(' ');
}

/** Lower-cases an e-mail address and strips a `+tag` from the local part. */
export function normalizeEmail(email) {
  const lower = email.trim().toLowerCase();
  const at = lower.indexOf('@');
  const plus = lower.indexOf('+');
  return plus !== -1 && plus < at ? lower.slice(0, plus) + lower.slice(at) : lower;
}

/** Rounds a money amount to cents. */
const cents = (amount) => Math.round(amount * 100) / 100;

/** Subtotal, tax and total of an order's line items for a destination country. */
export function orderTotals(items, country) {
  let subtotal = 0;
  let units = 0;
  for (const item of items) {
    subtotal += item.qty * item.unitPrice * (1 - (item.discount ?? 0));
    units += item.qty;
  }
  const rate = TAX_RATES[country] ?? DEFAULT_TAX_RATE;
  const tax = subtotal * rate;
  return { units, subtotal: cents(subtotal), tax: cents(tax), total: cents(subtotal + tax) };
}

/** The flat billing record for one order. */
export function projectOrder(order) {
  const country = order.shipping.country.toUpperCase();
  const totals = orderTotals(order.items, country);
  return {
    orderId: order.id,
    day: order.ts.slice(0, 10),
    customerId: order.customer.id,
    name: normalizeName(order.customer.name),
    email: normalizeEmail(order.customer.email),
    country,
    express: order.shipping.method === 'express',
    lines: order.items.length,
    units: totals.units,
    currency: order.currency,
    subtotal: totals.subtotal,
    tax: totals.tax,
    total: totals.total,
    promo: order.tags.includes('promo'),
  };
}

/** Pipeline stage: drops non-billable orders and projects the rest to billing records. */
export async function* enrichOrders(orders) {
  for await (const order of orders) {
    if (isBillable(order)) yield projectOrder(order);
  }
}

// ---------------------------------------------------------------------------------------------
// Stage 3: serialize records back to NDJSON text.

/** One record as an NDJSON line. */
export function serializeRecord(record) {
  return JSON.stringify(record) + '\n';
}

/** Serializes each record to one line of NDJSON text and counts the bytes written. */
export class SerializeNdjson extends Transform {
  constructor() {
    super({ writableObjectMode: true, readableObjectMode: true });
    this.records = 0;
    this.chars = 0;
  }

  _transform(record, _encoding, callback) {
    const line = serializeRecord(record);
    this.records++;
    this.chars += line.length;
    callback(null, line);
  }
}

// ---------------------------------------------------------------------------------------------
// Input generation (for benchmarks and tests).

const FIRST = ['ada', 'grace', 'alan', 'edsger', 'barbara', 'donald', 'margaret', 'ken', 'frances', 'john'];
const LAST = ['lovelace', 'hopper', 'turing', 'dijkstra', 'liskov', 'knuth', 'hamilton', 'thompson', 'allen', 'backus'];
const STATUSES = ['paid', 'paid', 'paid', 'shipped', 'shipped', 'draft', 'cancelled'];
const COUNTRIES = ['de', 'fr', 'nl', 'se', 'us', 'gb', 'pl', 'it', 'es'];
const TAGS = ['gift', 'promo', 'b2b', 'repeat', 'mobile', 'newsletter'];

/** A random but realistic order document. */
export function makeOrder(random, n) {
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  const messyCase = (s) => (random.chance(0.3) ? s.toUpperCase() : s);
  const items = [];
  for (let i = random.int(1, 5); i > 0; i--) {
    items.push({
      sku: `SKU-${random.int(1000, 9999)}`,
      title: `${random.word(6)} ${random.word(4)}`,
      qty: random.int(1, 4),
      unitPrice: random.int(199, 19999) / 100,
      ...(random.chance(0.25) ? { discount: random.pick([0.05, 0.1, 0.15, 0.5]) } : {}),
    });
  }
  const tagCount = random.int(0, 3);
  const tags = [];
  for (let i = 0; i < tagCount; i++) tags.push(random.pick(TAGS));
  return {
    id: `ord-${String(n).padStart(8, '0')}`,
    ts: new Date(Date.UTC(2024, 0, 1) + random.int(0, 365 * 86400) * 1000).toISOString(),
    customer: {
      id: `c-${random.int(1, 50000)}`,
      name: `  ${messyCase(first)}  ${messyCase(last)} `,
      email: `${first}.${last}${random.chance(0.2) ? '+shop' : ''}@Example.COM`,
    },
    status: random.pick(STATUSES),
    ...(random.chance(0.02) ? { test: true } : {}),
    currency: 'EUR',
    items,
    shipping: { country: random.pick(COUNTRIES), method: random.chance(0.3) ? 'express' : 'standard' },
    tags,
  };
}

/** `count` NDJSON lines (each ending in a newline) of random orders. */
export function makeOrderLines(count, seed = 1) {
  const random = createRandom(seed);
  const lines = [];
  for (let n = 0; n < count; n++) lines.push(JSON.stringify(makeOrder(random, n)) + '\n');
  return lines;
}
