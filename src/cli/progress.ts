import type { Writable } from 'node:stream';

/** A one-line progress bar on a TTY; silent elsewhere so that logs stay clean. */
export class Progress {
  private last = 0;
  constructor(
    private readonly out: Writable,
    private readonly enabled: boolean,
    private readonly label: string,
    private readonly total?: number,
  ) {}

  update(done: number, now = Date.now()): void {
    if (!this.enabled || now - this.last < 100) return;
    this.last = now;
    const width = 30;
    if (this.total !== undefined && this.total > 0) {
      const f = Math.min(1, done / this.total);
      const bar = '█'.repeat(Math.round(f * width)).padEnd(width, '░');
      this.out.write(`\r${this.label} ${bar} ${(f * 100).toFixed(0).padStart(3)}% ${done}/${this.total}`);
    } else {
      this.out.write(`\r${this.label} ${done}`);
    }
  }

  done(): void {
    if (this.enabled) this.out.write('\n');
  }
}
