import type { DockerfileModel } from "../model/dockerfile";
import type { Position, Range } from "../text";

export interface HoverResult {
  markdown: string;
  range: Range;
}

/**
 * Our practice notes for a position in a Dockerfile: over an instruction keyword (USER, HEALTHCHECK …)
 * and over a FROM image (pinned? slim? hardened alternative? which stage is the runtime one).
 * The server shows this below the base reference text. Undefined when we have nothing to add.
 */
export function dockerfileHover(model: DockerfileModel, position: Position): HoverResult | undefined {
  void model;
  void position;
  return undefined;
}
