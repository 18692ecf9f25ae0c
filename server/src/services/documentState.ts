import type { TextDocument } from "vscode-languageserver-textdocument";

/**
 * The one owner of per-document state in the server.
 *
 * An editor that closes a file and reopens it after it changed on disk sends version 1 again with the new
 * text, so `uri + version` does not name a text. Every cache in the server is therefore keyed by a
 * *revision*: a number handed out once per text of one open document (a reopened document is a new
 * `TextDocument` object and gets new revisions), never reused. And every cache registers how to drop what
 * it holds for a document, which runs when that document closes.
 */
export class DocumentStates {
  private readonly revisions = new WeakMap<TextDocument, { version: number; revision: number }>();
  private nextRevision = 1;
  private readonly forgetters: { name: string; forget: (uri: string) => void }[] = [];

  constructor(private readonly log: (message: string) => void = () => undefined) {}

  /** The revision of the document's current text: equal for equal (object, version), different for anything else. */
  revision(doc: TextDocument): number {
    const known = this.revisions.get(doc);
    if (known && known.version === doc.version) return known.revision;
    const revision = this.nextRevision++;
    this.revisions.set(doc, { version: doc.version, revision });
    return revision;
  }

  /** A cache says how to drop its entries of a closed document. */
  onForget(name: string, forget: (uri: string) => void): void {
    this.forgetters.push({ name, forget });
  }

  /** The document closed: every cache drops what it holds for it. */
  forget(uri: string): void {
    for (const f of this.forgetters) {
      try {
        f.forget(uri);
      } catch (error) {
        this.log(`dropping the ${f.name} state of ${uri} failed: ${String(error)}`);
      }
    }
  }
}
