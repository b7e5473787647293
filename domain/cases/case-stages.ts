// Where a case stands, as the client sees it on the portal's timeline. Staff
// move a case from stage to stage on the case page; each move is kept, so
// the portal can show when each stage was reached.
export const CASE_STAGES = ['intake', 'investigation', 'filed', 'discovery', 'negotiation', 'trial', 'resolved'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const CASE_STAGE_LABELS: Record<CaseStage, string> = {
  intake: 'Intake',
  investigation: 'Investigation',
  filed: 'Filed',
  discovery: 'Discovery',
  negotiation: 'Negotiation',
  trial: 'Trial',
  resolved: 'Resolved',
};

export type StageMove = { stage: CaseStage; at: Date };
export type TimelineStep = { stage: CaseStage; label: string; state: 'done' | 'current' | 'ahead'; reachedAt?: Date };

/**
 * The timeline the portal draws: every stage in order, the ones before the
 * current stage done (with when they were last reached, if they were), the
 * current one marked, the rest ahead. A case with no stage yet is at intake.
 */
export function stageTimeline(current: CaseStage | undefined | null, history: readonly StageMove[]): TimelineStep[] {
  const at = CASE_STAGES.indexOf(current ?? 'intake');
  const reached = new Map<CaseStage, Date>();
  for (const move of history) reached.set(move.stage, move.at);
  return CASE_STAGES.map((stage, i) => ({ stage, label: CASE_STAGE_LABELS[stage], state: i < at ? 'done' : i === at ? 'current' : 'ahead', reachedAt: i <= at ? reached.get(stage) : undefined }));
}
