// The state colours as theme-token classes, kept here so pages take them from the shared parts
// (Alert, Badge) instead of colouring boxes by hand. ui-parts.test.ts holds pages to that.

export type BadgeTone = 'success' | 'warning' | 'danger' | 'neutral';

/** A badge's fill and text in its tone. */
/** A soft fill in a state colour: Alert's box, a badge, a highlight (a changed row). */
export const SOFT_FILL = {
  success: 'bg-success-soft',
  warning: 'bg-warning-soft',
  danger: 'bg-danger-soft',
} as const;

export const BADGE_TONE_CLASS: Record<BadgeTone, string> = {
  success: `${SOFT_FILL.success} text-success`,
  warning: `${SOFT_FILL.warning} text-warning`,
  danger: `${SOFT_FILL.danger} text-danger`,
  neutral: 'bg-surface text-muted',
};
