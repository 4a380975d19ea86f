import { GraphQLError } from "graphql";
import { isAsyncIterable, type Plugin } from "graphql-yoga";
import type { Context } from "../graphql/context.ts";
import { allowRawJson, placeRawJson, stringifyResult } from "../graphql/raw-json.ts";

/**
 * No answer larger than `maxBytes` of JSON leaves the server: a larger one is replaced by a
 * RESPONSE_TOO_LARGE error naming both sizes. (Connections' page sizes and the cost limit keep real
 * queries far below it; this is the last bound, whatever a query finds.) The answer is serialised once:
 * the text measured here is the one Yoga (and the read cache) sends, through the result's `stringify`.
 * Lists that resolvers deferred as JSON text (graphql/raw-json.ts: the chart's points) are written into
 * that text as they came from the database.
 */
export function useResponseSizeLimit(maxBytes: number): Plugin<Context> {
  const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return {
    onExecute({ args }) {
      allowRawJson(args.contextValue);
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || !result.data) return;
          const raw = placeRawJson(args.contextValue, result);
          const stringify = raw ? stringifyResult : JSON.stringify;
          // With errors or extensions Yoga rewrites the result before serialising it: measure the data
          // alone and let Yoga serialise what it sends (deferred JSON text is then parsed back).
          const plain = !result.errors?.length && !result.extensions;
          const text = stringify(plain ? result : result.data);
          const bytes = Buffer.byteLength(text);
          if (bytes <= maxBytes) {
            if (!plain) return;
            const measured = {
              ...result,
              stringify: (value: unknown) => (value === measured ? text : stringify(value)),
            };
            setResult(measured);
            return;
          }
          setResult({
            errors: [
              new GraphQLError(
                `The answer would be ${megabytes(bytes)}, more than the limit of ${megabytes(maxBytes)}: ask for smaller pages (first/last), fewer fields or fewer aliases.`,
                { extensions: { code: "RESPONSE_TOO_LARGE", bytes, limit: maxBytes } },
              ),
            ],
          });
        },
      };
    },
  };
}
