/**
 * PostGraphile 5 declares Node ≥ 22 and calls `Promise.withResolvers` (ES2024, Node 22); this machine runs
 * Node 20. It is the one missing function PostGraphile reaches for here, so it is supplied as specified
 * before PostGraphile loads; without it every query answers null ("Cannot read properties of undefined
 * (reading 'items')").
 */
const PromiseWithResolvers = Promise as unknown as { withResolvers?: () => unknown };
if (typeof PromiseWithResolvers.withResolvers !== "function") {
  PromiseWithResolvers.withResolvers = () => {
    let resolve: ((value: unknown) => void) | undefined;
    let reject: ((reason?: unknown) => void) | undefined;
    const promise = new Promise((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise, resolve, reject };
  };
}
