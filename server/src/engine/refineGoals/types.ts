/** What one goal change makes of a file: nothing to do, a new text, or advice (a change it cannot make safely). */
export type GoalChangeOutcome =
  { kind: "none" } | { kind: "advice"; title: string; message: string; line?: number } | { kind: "change"; title: string; text: string };
