import { describe, expect, it } from 'vitest';
import { phoneDigits, postalNorm } from './index-row';
import { interpret, likeEscape, phoneCandidates } from './interpret';

describe('phoneDigits (what the index stores)', () => {
  it.each([
    ['+1 (415) 555-0123', '', '4155550123'],
    ['(415) 555-0123', 'US', '4155550123'],
    ['415.555.0199', '', '4155550199'],
    ['0044 20 7946 0958', '', '2079460958'],
    ['+442079460958', 'GB', '2079460958'],
    ['020 7946 0958', 'GB', '2079460958'],
    ['', 'US', ''],
  ])('%s (%s) → %s', (phone, country, digits) => {
    expect(phoneDigits(phone, country)).toBe(digits);
  });
});

describe('phoneCandidates (what a spoken phone may be stored as)', () => {
  it('includes the national number however it is said', () => {
    for (const q of ['(415) 555-0123', '415 555 0123', '+1 415 555 0123', '1 415 555 0123', '0014155550123'])
      expect(phoneCandidates(q)).toContain('4155550123');
    for (const q of ['0044 20 7946 0958', '+44 20 7946 0958', '020 7946 0958', '+44 (0)20 7946 0958'])
      expect(phoneCandidates(q)).toContain('2079460958');
  });
  it('strips the calling code of a partial international number', () => {
    expect(phoneCandidates('+1 415')).toContain('415');
    expect(phoneCandidates('0044 20')).toContain('20');
  });
  it('has nothing for a query without digits', () => {
    expect(phoneCandidates('grace')).toEqual([]);
  });
});

describe('postalNorm', () => {
  it.each([
    ['sw1a 1aa', 'SW1A1AA'],
    ['SW1A-1AA', 'SW1A1AA'],
    [' 94107 ', '94107'],
    ['M5V 3L9', 'M5V3L9'],
  ])('%s → %s', (a, b) => expect(postalNorm(a)).toBe(b));
});

describe('interpret', () => {
  it('an id', () => {
    expect(interpret(' fcus_01hacm7fz1084xb1gb6053vm0d ').id).toBe('fcus_01HACM7FZ1084XB1GB6053VM0D');
  });
  it('an email: exact and in part, no name words', () => {
    const p = interpret('Grace.Hopper@Navy.example');
    expect(p).toMatchObject({
      email: 'grace.hopper@navy.example',
      emailPart: 'grace.hopper@navy.example',
      words: [],
    });
  });
  it('a phone: candidates, no name words, a postal code only when it is shaped like one', () => {
    const p = interpret('(415) 555-0123');
    expect(p.words).toEqual([]);
    expect(p.phones).toContain('4155550123');
    expect(p.postal).toBeUndefined();
    expect(interpret('94107')).toMatchObject({ postal: '94107', phones: ['94107'] });
  });
  it('a postal code with letters', () => {
    expect(interpret('sw1a 1aa')).toMatchObject({ postal: 'SW1A1AA', words: ['sw1a', '1aa'], typo: false });
  });
  it('key:value', () => {
    expect(interpret('order: ORD-1')).toMatchObject({ meta: { key: 'order', value: 'ORD-1' }, words: [] });
  });
  it('several words, typo fallback allowed', () => {
    expect(interpret('grace  hop')).toMatchObject({ words: ['grace', 'hop'], typo: true, short: false });
  });
  it('under 3 characters: short, no partial or typo', () => {
    const p = interpret('an');
    expect(p).toMatchObject({ short: true, typo: false });
    expect([p.emailPart, p.metaPart]).toEqual([undefined, undefined]);
  });
  it('caps at 200 characters and says so', () => {
    const p = interpret('a'.repeat(250));
    expect(p.text.length).toBe(200);
    expect(p.truncated).toBe(true);
  });
});

describe('likeEscape', () => {
  it('escapes %, _ and the escape character', () => {
    expect(likeEscape('100%_off\\x')).toBe('100\\%\\_off\\\\x');
  });
});
