// Generators of hostile input shared by the unit property tests and the e2e security specs: the variants an
// attacker tries, built from parts rather than listed, so a new combination is found by the generator.
import fc from 'fast-check';

const HOST = fc.constantFrom(
  'evil.example',
  'EVIL.example',
  'evil.example:443',
  '127.0.0.1',
  '[::1]',
  'xn--e1a.example',
);

/** Pieces of a `next` parameter: separators in every encoding, dot segments, whitespace, schemes, hosts. */
const NEXT_PIECE = fc.oneof(
  fc.constantFrom(
    '/',
    '//',
    '///',
    '\\',
    '\\\\',
    '/\\',
    '\\/',
    '.',
    '..',
    './',
    '../',
    '/./',
    '/../',
    '/.//',
    '%2e',
    '%2E',
    '%2e%2e',
    '.%2e',
    '%2f',
    '%2F',
    '%5c',
    '%5C',
    '%252f',
    '%00',
    '%09',
    '%0a',
    '%0d',
    '\t',
    '\n',
    '\r',
    ' ',
    '\u0000',
    '\u3002',
    '\uff0f',
    '\u2215',
    'http:',
    'https:',
    'javascript:',
    'data:',
    'HTTP:',
    'ftp:',
    'http:/',
    'https://',
    'javascript:alert(1)//',
    '@',
    '%40',
    ':',
    '?',
    '#',
    '&',
    '=',
    'next=',
    'login',
    '/login',
    '/login?next=',
    'a',
    'b/',
    'customers/',
  ),
  HOST,
  fc.string({ maxLength: 4 }),
);

/** A `next` value as an attacker builds it: often starting with '/', then any mix of the pieces. */
export const hostileNext = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('/', '', '//', '\\', '/\\', '/.', '/%2e'),
        fc.array(NEXT_PIECE, { maxLength: 8 }),
      )
      .map(([a, b]) => a + b.join('')),
  },
  { weight: 1, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 1, arbitrary: HOST.map((h) => `//${h}/x`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

/** The review's own reproductions, always included beside the generated ones. */
export const KNOWN_NEXT = [
  '/.//evil.example',
  '/%2e//evil.example',
  '/a/..//evil.example',
  '//evil.example',
  '/\\evil.example',
  '/\t/evil.example',
  'https://evil.example/x',
  '/login?next=//evil.example',
];

/** Does a redirect to `location`, resolved against `origin` as a browser would, stay on `origin`? */
export function staysOn(origin: string, location: string): boolean {
  try {
    return new URL(location, origin).origin === origin;
  } catch {
    return false;
  }
}

const FORMULA_START = fc.constantFrom(
  '=',
  '+',
  '-',
  '@',
  '\t',
  '\r',
  '\n',
  '\uff1d',
  '\uff0b',
  '\uff0d',
  '\uff20',
  ' =',
  ' \t=',
  '"=',
  "'=",
);

/** Cells for a CSV the desk writes: formulas (single- and multi-line), quotes, separators, plain text. */
export const hostileCell = fc.oneof(
  fc
    .tuple(
      FORMULA_START,
      fc.string({ maxLength: 20 }),
      fc.constantFrom('', '\n', '\r\n', '\nx', '\r'),
      fc.string({ maxLength: 10 }),
    )
    .map((p) => p.join('')),
  fc.constantFrom(
    '=HYPERLINK("https://evil.example","x")\n',
    "=cmd|' /C calc'!A0",
    '@SUM(1+1)',
    '-2+3',
    '+1',
    'a,b',
    'a;b',
    '"quoted"',
    'line1\nline2',
    '',
  ),
  fc.string({ maxLength: 30 }),
);
