export function ApiErrorNotice({ error }: { error: unknown }) {
  return (
    <div className="error" role="alert">
      The API could not answer: {error instanceof Error ? error.message : String(error)}.
    </div>
  );
}
