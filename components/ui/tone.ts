// The state colours as theme-token classes, kept here so pages take them from the shared parts
// (Alert, Badge) instead of colouring boxes by hand. ui-parts.test.ts holds pages to that.

export type BadgeTone = 'success' | 'warning' | 'danger' | 'neutral';

/** A badge's fill and text in its tone. */
export const BADGE_TONE_CLASS: Record<BadgeTone, string> = {
  success: 'bg-success-soft text-success',
  warning: 'bg-warning-soft text-warning',
  danger: 'bg-danger-soft text-danger',
  neutral: 'bg-surface text-muted',
};

/** A soft fill in a state colour: a highlight (a changed row), not a message box; use Alert for those. */
export const SOFT_FILL = {
  success: 'bg-success-soft',
  warning: 'bg-warning-soft',
  danger: 'bg-danger-soft',
} as const;
