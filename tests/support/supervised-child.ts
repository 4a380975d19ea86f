import { createSupervisor } from "../../apps/api/src/start/supervisor.ts";

// A start process in miniature: one step that takes a moment to stop, for tests of how signals are read.
const supervisor = createSupervisor({ say: (message) => console.log(message) });
supervisor.add("slow step", () => new Promise((resolve) => setTimeout(resolve, 2_500)));
console.log("ready");
setInterval(() => {}, 1_000);
