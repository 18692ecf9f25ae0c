import type { ComposeFileModel } from "../model/compose";
import type { ComposeProject } from "../model/composeProject";
import type { Position } from "../text";

export interface CompletionSuggestion {
  label: string;
  kind: "service" | "network" | "volume" | "secret" | "config" | "value";
  detail?: string;
  insertText?: string;
}

/** Names defined in the project (services, networks, volumes, secrets, configs) and `condition:` values, where they fit. */
export function composeCompletions(file: ComposeFileModel, project: ComposeProject, position: Position): CompletionSuggestion[] {
  void file;
  void project;
  void position;
  return [];
}
