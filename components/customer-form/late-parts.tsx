'use client';
// Parts of the edit page whose code loads after the page itself: live changes and presence, the
// notices and error summary (empty until something happens), and the last answer from Flex beside History.
import { lazyPart } from '@/components/ui/lazy-part';

export const LiveNotice = lazyPart(() => import('@/components/live/live-notice').then((m) => m.LiveNotice));
export const EditNotices = lazyPart(() => import('./edit-notices').then((m) => m.EditNotices));
export const ErrorSummary = lazyPart(() => import('./error-summary').then((m) => m.ErrorSummary));
export const ReturnedPanel = lazyPart(() => import('./returned-panel').then((m) => m.ReturnedPanel));
