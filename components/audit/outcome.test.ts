import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, OUTCOMES } from '@/lib/audit/audit';
import { BADGE_TONE_CLASS } from '@/components/ui/tone';
import { outcomeWord } from './outcome';

describe('outcomeWord', () => {
  it('calls a sign-in a sign-in, not a save', () => {
    expect(outcomeWord({ action: 'auth.sign_in', outcome: 'success' })).toEqual({
      text: 'Signed in',
      tone: 'success',
    });
    expect(outcomeWord({ action: 'auth.sign_out', outcome: 'success' }).text).toBe('Signed out');
  });

  it('names why a sign-in was refused when the row says so', () => {
    const failed = (detail: string | null) =>
      outcomeWord({ action: 'auth.sign_in_failed', outcome: 'rejected', detail });
    expect(failed('wrong password')).toEqual({ text: 'Wrong password', tone: 'danger' });
    expect(failed('unknown email').text).toBe('Unknown email');
    expect(failed('account disabled').text).toBe('Account disabled');
    expect(failed('throttled').text).toBe('Too many attempts');
    expect(failed(null).text).toBe('Refused');
    expect(failed('constructor').text).toBe('Refused');
  });

  it('gives every outcome of a customer save its own word', () => {
    const word = (outcome: string) => outcomeWord({ action: 'customer.update', outcome });
    expect(word('success')).toEqual({ text: 'Saved', tone: 'success' });
    expect(word('pending')).toEqual({ text: 'In progress / no answer yet', tone: 'warning' });
    expect(word('conflict')).toEqual({ text: 'Conflict: not saved', tone: 'warning' });
    expect(word('rejected')).toEqual({ text: 'Refused by Flex: not saved', tone: 'danger' });
    expect(word('upstream_error')).toEqual({ text: 'Flex error: not saved', tone: 'danger' });
    expect(word('unknown')).toEqual({ text: 'Unknown: check Flex', tone: 'warning' });
    expect(outcomeWord({ action: 'customer.update.denied', outcome: 'rejected' }).text).toBe(
      'Not allowed: not saved',
    );
  });

  it('has words for staff changes and refusals of access', () => {
    expect(outcomeWord({ action: 'staff.create', outcome: 'success' }).text).toBe('Added');
    expect(outcomeWord({ action: 'staff.role_change', outcome: 'success' }).text).toBe('Role changed');
    expect(outcomeWord({ action: 'staff.disable', outcome: 'success' }).text).toBe('Disabled');
    expect(outcomeWord({ action: 'staff.enable', outcome: 'success' }).text).toBe('Enabled');
    expect(outcomeWord({ action: 'staff.password_reset', outcome: 'success' }).text).toBe('Password reset');
    expect(outcomeWord({ action: 'access.denied', outcome: 'rejected' })).toEqual({
      text: 'Denied',
      tone: 'danger',
    });
  });

  it('never shows a raw code, and says "Saved" only for customer writes', () => {
    for (const action of AUDIT_ACTIONS)
      for (const outcome of OUTCOMES) {
        const { text, tone } = outcomeWord({ action, outcome });
        expect(text, `${action} ${outcome}`).toMatch(/^[A-Z]/);
        expect(text).not.toContain('_');
        expect(BADGE_TONE_CLASS[tone]).toBeTruthy();
        if (!action.startsWith('customer.')) expect(text, action).not.toBe('Saved');
      }
  });

  it('reads an unlisted customer write as a save and anything else by its outcome alone', () => {
    expect(outcomeWord({ action: 'customer.revert', outcome: 'success' }).text).toBe('Saved');
    expect(outcomeWord({ action: 'customer.revert.denied', outcome: 'rejected' }).text).toBe('Refused');
    expect(outcomeWord({ action: 'report.run', outcome: 'success' })).toEqual({
      text: 'Done',
      tone: 'success',
    });
    expect(outcomeWord({ action: 'constructor', outcome: 'pending' }).text).toBe('No answer yet');
  });

  it('shows an outcome it does not know as stored, without a state colour', () => {
    expect(outcomeWord({ action: 'customer.update', outcome: 'queued' })).toEqual({
      text: 'queued',
      tone: 'neutral',
    });
    expect(outcomeWord({ action: 'auth.sign_in', outcome: 'toString' }).tone).toBe('neutral');
    expect(outcomeWord({ action: 'auth.sign_in', outcome: '' }).text).toBe('Outcome unknown');
  });
});
