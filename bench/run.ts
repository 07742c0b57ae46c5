import { benchBus } from "./bus";
import { benchConsole } from "./console";
import { benchDeployment } from "./deployment";
import { benchDrift } from "./drift";
import { benchFunctions } from "./functions";
import { benchLocal } from "./local";
import { benchLoop } from "./loop";
import { benchMatcher } from "./matcher";
import { benchMonitoring } from "./monitoring";
import { benchPerformance } from "./performance";
import { benchProfile } from "./profile";
import { benchRegistry } from "./registry";
import { benchTraining } from "./training";

// Gyre supports Node 20 today; the SDK's Node 22 notice would only add noise to the numbers.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
// Handlers log a line per event; a benchmark prints only its numbers.
process.env.POWERTOOLS_LOG_LEVEL ??= "SILENT";

const suites: Record<string, () => Promise<void>> = {
  matcher: benchMatcher,
  bus: benchBus,
  profile: benchProfile,
  local: benchLocal,
  training: benchTraining,
  registry: benchRegistry,
  deployment: benchDeployment,
  console: benchConsole,
  performance: benchPerformance,
  monitoring: benchMonitoring,
  loop: benchLoop,
  functions: benchFunctions,
  drift: benchDrift,
};
const only = process.argv.slice(2);

for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  await run();
}
