import { benchBus } from "./bus";
import { benchLocal } from "./local";
import { benchMatcher } from "./matcher";

const suites: Record<string, () => Promise<void>> = {
  matcher: benchMatcher,
  bus: benchBus,
  local: benchLocal,
};
const only = process.argv.slice(2);

for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  await run();
}
