import { type ParseArgsOptionsConfig, parseArgs } from "node:util";

/** Ends the command now: the schema engine can leave a timer behind that would hold the process ≈ 10 s. */
export function exit(code: number): never {
  process.exit(code);
}

/**
 * A command's words and options, with `--help`/`-h` always understood. A line that does not parse is
 * answered with the reason and the usage, and exit code 2.
 */
export function parseCommandLine<const Options extends ParseArgsOptionsConfig>(
  options: Options,
  usage: string,
) {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { ...options, help: { type: "boolean", short: "h" } } as const,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return exit(2);
  }
}
