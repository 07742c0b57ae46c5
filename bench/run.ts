import { benchBus } from "./bus";
import { benchLocal } from "./local";
import { benchMatcher } from "./matcher";
import { benchProfile } from "./profile";

const suites: Record<string, () => Promise<void>> = {
  matcher: benchMatcher,
  bus: benchBus,
  profile: benchProfile,
  local: benchLocal,
};
const only = process.argv.slice(2);

for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  await run();
}
