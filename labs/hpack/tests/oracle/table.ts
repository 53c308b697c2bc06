/**
 * The tests' model of the dynamic table (RFC 7541 §2.3.2, §4): newest
 * first, sizes in UTF-8 octets + 32, eviction from the old end. Hidden
 * tests only (it is an answer to stage 4).
 */
import type { Header } from "#labs/hpack/scenarios.ts";

const encoder = new TextEncoder();

/** name + value octets + 32 (§4.1). */
export function sizeOf(name: string, value: string): number {
  return encoder.encode(name).length + encoder.encode(value).length + 32;
}

export class ModelTable {
  entries: Header[] = [];
  maxSize: number;
  /** The sum of the entries' sizes, kept as they come and go. */
  size = 0;

  constructor(maxSize: number) {
    this.maxSize = maxSize;
  }

  /** §4.4: evict until the new entry fits; one larger than the table empties it and is not added. */
  add(name: string, value: string): void {
    const size = sizeOf(name, value);
    this.#evictTo(this.maxSize - size);
    if (size <= this.maxSize) {
      this.entries.unshift([name, value]);
      this.size += size;
    }
  }

  /** §4.3: a new maximum evicts until the table fits. */
  resize(maxSize: number): void {
    this.maxSize = maxSize;
    this.#evictTo(maxSize);
  }

  #evictTo(limit: number): void {
    while (this.entries.length > 0 && this.size > limit) {
      const [name, value] = this.entries.pop()!;
      this.size -= sizeOf(name, value);
    }
  }

  copy(): Header[] {
    return this.entries.map(([name, value]) => [name, value]);
  }
}
