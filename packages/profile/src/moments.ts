/** Welford's running mean and squared deviations; parts combine exactly with Chan's formula. */
export class Moments {
  count = 0;
  mean = 0;
  m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;

  add(value: number): void {
    this.count++;
    const delta = value - this.mean;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  merge(other: Moments): void {
    if (other.count === 0) return;
    const count = this.count + other.count;
    const delta = other.mean - this.mean;
    this.mean += (delta * other.count) / count;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / count;
    this.count = count;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /** Sample standard deviation (n - 1), as pandas' describe(); undefined below two values. */
  get std(): number | undefined {
    return this.count < 2 ? undefined : Math.sqrt(this.m2 / (this.count - 1));
  }

  static of(summary: {
    count: number;
    mean?: number;
    std?: number;
    min?: number;
    max?: number;
  }): Moments {
    const moments = new Moments();
    moments.count = summary.count;
    moments.mean = summary.mean ?? 0;
    moments.m2 = (summary.std ?? 0) ** 2 * Math.max(0, summary.count - 1);
    moments.min = summary.min ?? Number.POSITIVE_INFINITY;
    moments.max = summary.max ?? Number.NEGATIVE_INFINITY;
    return moments;
  }
}
