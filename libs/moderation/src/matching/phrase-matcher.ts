import { foldWords, normalizeForMatch } from './normalize';

interface Node {
  next: Map<string, number>;
  fail: number;
  /** Values of patterns ending here, including those reached through failure links. */
  out: number[];
}

/**
 * Aho-Corasick over folded text: one pass over a message finds every phrase of a
 * rule set at once, however many phrases there are (no regex per phrase). Each
 * phrase matches as whole words; a multi-word phrase also matches written as one
 * word ("self harm", "selfharm", "self-harm").
 */
export class PhraseMatcher<T> {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  private readonly values: T[] = [];
  readonly size: number;

  constructor(entries: Iterable<{ phrase: string; value: T }>) {
    let n = 0;
    for (const { phrase, value } of entries) {
      const words = foldWords(phrase);
      if (!words.length) continue;
      const id = this.values.push(value) - 1;
      this.add(` ${words.join(' ')} `, id);
      if (words.length > 1) this.add(` ${words.join('')} `, id);
      n++;
    }
    this.size = n;
    this.link();
  }

  private add(pattern: string, id: number): void {
    let s = 0;
    for (const ch of pattern) {
      let t = this.nodes[s].next.get(ch);
      if (t === undefined) {
        t = this.nodes.push({ next: new Map(), fail: 0, out: [] }) - 1;
        this.nodes[s].next.set(ch, t);
      }
      s = t;
    }
    if (!this.nodes[s].out.includes(id)) this.nodes[s].out.push(id);
  }

  private link(): void {
    const queue: number[] = [];
    for (const t of this.nodes[0].next.values()) queue.push(t);
    for (let i = 0; i < queue.length; i++) {
      const s = queue[i];
      for (const [ch, t] of this.nodes[s].next) {
        let f = this.nodes[s].fail;
        while (f !== 0 && !this.nodes[f].next.has(ch)) f = this.nodes[f].fail;
        const g = this.nodes[f].next.get(ch);
        this.nodes[t].fail = g !== undefined && g !== t ? g : 0;
        for (const id of this.nodes[this.nodes[t].fail].out) if (!this.nodes[t].out.includes(id)) this.nodes[t].out.push(id);
        queue.push(t);
      }
    }
  }

  /** Every distinct value whose phrase occurs in `text` (after folding), in the order first found. */
  match(text: string): T[] {
    if (this.size === 0) return [];
    return this.matchFolded(normalizeForMatch(text));
  }

  /** As `match`, for text already folded with `normalizeForMatch` (fold once, match several sets). */
  matchFolded(folded: string): T[] {
    if (this.size === 0) return [];
    const found = new Set<number>();
    let s = 0;
    for (const ch of folded) {
      while (s !== 0 && !this.nodes[s].next.has(ch)) s = this.nodes[s].fail;
      s = this.nodes[s].next.get(ch) ?? 0;
      for (const id of this.nodes[s].out) found.add(id);
    }
    return [...found].map((id) => this.values[id]);
  }
}
