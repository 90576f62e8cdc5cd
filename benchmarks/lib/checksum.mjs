// Small, dependency-free checksums used by the pipeline sinks.

/** CRC-32 (IEEE 802.3) lookup table, built once. */
const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 of a byte array, optionally continuing from a previous CRC. */
export function crc32(bytes, previous = 0) {
  let crc = ~previous;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}

/** CRC-32 of a string's UTF-16 code units (cheap; no encoding to bytes). */
export function crc32String(text, previous = 0) {
  let crc = ~previous;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    crc = CRC_TABLE[(crc ^ code) & 0xff] ^ (crc >>> 8);
    crc = CRC_TABLE[(crc ^ (code >>> 8)) & 0xff] ^ (crc >>> 8);
  }
  return ~crc >>> 0;
}

/** 32-bit FNV-1a hash of a string's UTF-16 code units. */
export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
