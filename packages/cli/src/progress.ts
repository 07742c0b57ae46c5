/** A one-line progress bar on stderr when it is a terminal; silent otherwise (CI logs stay clean). */
export function progressBar(label: string, total: number) {
  const tty = process.stderr.isTTY;
  let last = 0;
  return {
    update(done: number) {
      if (!tty || (Date.now() - last < 100 && done < total)) return;
      last = Date.now();
      const ratio = total > 0 ? Math.min(1, done / total) : 1;
      const width = 30;
      const bar = "#".repeat(Math.round(ratio * width)).padEnd(width, ".");
      process.stderr.write(
        `\r${label} [${bar}] ${(ratio * 100).toFixed(0).padStart(3)}% ${megabytes(done)}/${megabytes(total)} MB`,
      );
    },
    finish() {
      if (tty) process.stderr.write("\n");
    },
  };
}

function megabytes(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}
