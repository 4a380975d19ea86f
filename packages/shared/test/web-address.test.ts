import { describe, expect, it } from "vitest";
import { isWebAddress, sameOriginPath, webAddressOrNull } from "../src/web-address.ts";

describe("sameOriginPath", () => {
  const leaving = [
    "/\\evil.example/x",
    "/%5Cevil.example/x".replace("%5C", "\\"),
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "/\r/evil.example",
    "\t//evil.example",
    "//evil.example/x",
    "///evil.example/x",
    "/\\/evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    " /x",
    "/ /evil.example",
    "/\u0000/evil.example",
    "/\u00a0/evil.example",
    "/\u2028/evil.example",
    "evil.example",
    "",
    "x".repeat(3000),
    "/\u3000/evil.example",
    "/\ufeff/evil.example",
    "/./\\evil.example",
    "/a/..//evil.example",
    "/%2e%2e//evil.example",
    "https:evil.example",
  ];
  it.each(leaving)("refuses %j", (value) => {
    expect(sameOriginPath(value)).toBe("/");
  });

  it("keeps paths on this site, with their query and fragment", () => {
    expect(sameOriginPath("/claims/Q2xhaW06MQ==")).toBe("/claims/Q2xhaW06MQ==");
    expect(sameOriginPath("/claims?status=pending#list")).toBe("/claims?status=pending#list");
    expect(sameOriginPath("/search?q=%2F%2Fevil.example")).toBe("/search?q=%2F%2Fevil.example");
    expect(sameOriginPath("/a/../b")).toBe("/b");
    expect(sameOriginPath("/%5Cevil.example/x")).toBe("/%5Cevil.example/x");
  });

  it("uses the fallback given", () => {
    expect(sameOriginPath(undefined, "/review")).toBe("/review");
  });
});

describe("isWebAddress", () => {
  it.each([
    "javascript:alert(1)",
    " javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,hi",
    "vbscript:x",
    "file:///etc/passwd",
    "ftp://example.org/x",
    "mailto:a@example.org",
    "http://",
    "http:/example.org x",
    "//example.org/x",
    "/relative",
    "not a url",
    `https://example.org/${"a".repeat(3000)}`,
    `https://example.org/${"中".repeat(700)}`,
    "\u0001javascript:alert(1)",
  ])("refuses %j", (value) => {
    expect(isWebAddress(value)).toBe(false);
    expect(webAddressOrNull(value)).toBeNull();
  });

  it("accepts http and https addresses", () => {
    expect(isWebAddress("https://example.org/news/1")).toBe(true);
    expect(isWebAddress("HTTP://Example.org")).toBe(true);
    expect(webAddressOrNull("  https://example.org/a  ")).toBe("https://example.org/a");
  });
});
