export const number = (value: number | null | undefined, digits = 4) =>
  value === null || value === undefined ? "—" : Number(value.toPrecision(digits)).toString();

export const signed = (value: number | null | undefined) =>
  value === null || value === undefined
    ? "—"
    : `${value > 0 ? "+" : value < 0 ? "−" : "±"}${number(Math.abs(value))}`;

export const when = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }) : "—";

export const bytes = (n: number) =>
  n < 1024
    ? `${n} B`
    : n < 1024 ** 2
      ? `${(n / 1024).toFixed(1)} kB`
      : `${(n / 1024 ** 2).toFixed(1)} MB`;

export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

export const short = (sha: string) => sha.slice(0, 12);
