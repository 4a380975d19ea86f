import type { Metadata } from "next";
import { EditorsOnly } from "../../components/EditorsOnly";
import { IngestForm } from "../../components/editor/IngestForm";
import { fetchViewer, isEditor } from "../../lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Add an article" };

export default async function IngestPage() {
  const viewer = await fetchViewer();
  if (!isEditor(viewer)) return <EditorsOnly viewer={viewer} path="/ingest" title="Add an article" />;
  return (
    <>
      <h1>Add an article</h1>
      <p className="muted">
        Paste the text (headline on the first line) or the page’s HTML. Preview shows the claims the extractor
        finds without storing anything; Save stores the article and its claims.
      </p>
      <IngestForm />
    </>
  );
}
