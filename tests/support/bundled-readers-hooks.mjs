// Module hooks registered by bundled-readers.mjs: the reader thread's entry resolves to the bundle.
let source = "";
let bundle = "";

export function initialize(data) {
  source = data.source;
  bundle = data.bundle;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  return resolved.url === source ? { ...resolved, url: bundle } : resolved;
}
