import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, isProduction, loadConfig, REPO_ROOT } from "../../src/config.ts";
import { generatePassword } from "../../src/users/passwords.ts";

describe("loadConfig", () => {
  it("uses the documented defaults", () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe(path.join(REPO_ROOT, ".data"));
    expect(config.dbPort).toBe(54329);
    expect(config.apiPort).toBe(4000);
    expect(config.webPort).toBe(3000);
    expect(config.apiProcesses).toBe(Math.min(2, os.availableParallelism()));
  });

  it("reads the documented names and refuses nonsense with a clear message", () => {
    const config = loadConfig({
      API_PORT: "4100",
      WEB_PORT: "3100",
      HEADCOUNT_DB_PORT: "55000",
      HEADCOUNT_DATA_DIR: "/tmp/hc",
    });
    expect([config.apiPort, config.webPort, config.dbPort, config.dataDir]).toEqual([
      4100,
      3100,
      55000,
      "/tmp/hc",
    ]);
    expect(() => loadConfig({ API_PORT: "not-a-port" })).toThrow(ConfigError);
    expect(() => loadConfig({ API_PORT: "70000" })).toThrow(/API_PORT/);
    expect(() => loadConfig({ DATABASE_URL: "nonsense" })).toThrow(/DATABASE_URL/);
    expect(loadConfig({ HEADCOUNT_API_PROCESSES: "1" }).apiProcesses).toBe(1);
    expect(loadConfig({ HEADCOUNT_API_PROCESSES: "3" }).apiProcesses).toBe(3);
    expect(() => loadConfig({ HEADCOUNT_API_PROCESSES: "0" })).toThrow(/HEADCOUNT_API_PROCESSES/);
  });
});

describe("isProduction", () => {
  it("is the deployed mode unless NODE_ENV says development or test, as loadConfig's default", () => {
    expect(isProduction({})).toBe(true);
    expect(isProduction({ NODE_ENV: "production" })).toBe(true);
    expect(isProduction({ NODE_ENV: "development" })).toBe(false);
    expect(isProduction({ NODE_ENV: "test" })).toBe(false);
    expect(loadConfig({}).nodeEnv).toBe("production");
  });
});

describe("generatePassword", () => {
  it("gives 20 unambiguous characters, different every time", () => {
    const passwords = new Set(Array.from({ length: 50 }, generatePassword));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  });
});
