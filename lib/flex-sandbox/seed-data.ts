// The seed's raw material, shared by today's records (seed.ts) and the legacy ones (legacy-seed.ts):
// places, names, phone ranges and a small deterministic PRNG.

export type Place = { city: string; state: string; postal: string; streets: string[] };

export const PLACES: Record<string, Place[]> = {
  US: [
    { city: 'San Francisco', state: 'CA', postal: '94107', streets: ['Brannan St', 'Townsend St', '3rd St'] },
    { city: 'Oakland', state: 'CA', postal: '94612', streets: ['Broadway', 'Telegraph Ave', 'Grand Ave'] },
    { city: 'Austin', state: 'TX', postal: '78701', streets: ['Congress Ave', 'Lavaca St', 'W 6th St'] },
    { city: 'Brooklyn', state: 'NY', postal: '11201', streets: ['Atlantic Ave', 'Court St', 'Henry St'] },
    {
      city: 'Chicago',
      state: 'IL',
      postal: '60601',
      streets: ['N Michigan Ave', 'E Randolph St', 'N State St'],
    },
    { city: 'Seattle', state: 'WA', postal: '98101', streets: ['Pike St', 'Pine St', '4th Ave'] },
    { city: 'Denver', state: 'CO', postal: '80202', streets: ['Larimer St', 'Market St', '16th St'] },
    { city: 'Boston', state: 'MA', postal: '02108', streets: ['Beacon St', 'Tremont St', 'School St'] },
    { city: 'Miami', state: 'FL', postal: '33131', streets: ['Brickell Ave', 'SE 1st St', 'Biscayne Blvd'] },
    {
      city: 'Portland',
      state: 'OR',
      postal: '97205',
      streets: ['SW Alder St', 'SW Morrison St', 'SW 10th Ave'],
    },
  ],
  CA: [
    { city: 'Toronto', state: 'ON', postal: 'M5V 2T6', streets: ['King St W', 'Spadina Ave', 'Queen St W'] },
    {
      city: 'Vancouver',
      state: 'BC',
      postal: 'V6B 1A1',
      streets: ['Granville St', 'Robson St', 'Hastings St W'],
    },
    {
      city: 'Montréal',
      state: 'QC',
      postal: 'H2X 1Y4',
      streets: ['Rue Sainte-Catherine O', 'Boulevard Saint-Laurent'],
    },
    { city: 'Calgary', state: 'AB', postal: 'T2P 1J9', streets: ['Stephen Ave SW', '8 Ave SW', 'Centre St'] },
    { city: 'Halifax', state: 'NS', postal: 'B3J 1S9', streets: ['Barrington St', 'Spring Garden Rd'] },
  ],
  GB: [
    { city: 'London', state: '', postal: 'SW1A 1AA', streets: ['Whitehall', 'The Mall', 'Victoria St'] },
    { city: 'Manchester', state: '', postal: 'M1 1AE', streets: ['Market St', 'Deansgate', 'Oldham St'] },
    { city: 'Edinburgh', state: '', postal: 'EH1 1YZ', streets: ['High St', 'Cockburn St', 'Princes St'] },
    { city: 'Bristol', state: '', postal: 'BS1 4DJ', streets: ['Park St', 'Corn St', 'Baldwin St'] },
    { city: 'Cardiff', state: '', postal: 'CF10 1EP', streets: ['Queen St', 'St Mary St', 'Castle St'] },
  ],
  DE: [
    {
      city: 'Berlin',
      state: '',
      postal: '10115',
      streets: ['Invalidenstraße', 'Chausseestraße', 'Torstraße'],
    },
    {
      city: 'München',
      state: '',
      postal: '80331',
      streets: ['Marienplatz', 'Kaufingerstraße', 'Sendlinger Str.'],
    },
    { city: 'Hamburg', state: '', postal: '20095', streets: ['Mönckebergstraße', 'Spitalerstraße'] },
    { city: 'Köln', state: '', postal: '50667', streets: ['Hohe Straße', 'Schildergasse'] },
    {
      city: 'Frankfurt am Main',
      state: '',
      postal: '60311',
      streets: ['Zeil', 'Kaiserstraße', 'Berliner Str.'],
    },
  ],
  AU: [
    { city: 'Sydney', state: 'NSW', postal: '2000', streets: ['George St', 'Pitt St', 'Kent St'] },
    { city: 'Melbourne', state: 'VIC', postal: '3000', streets: ['Collins St', 'Flinders Ln', 'Bourke St'] },
    { city: 'Brisbane', state: 'QLD', postal: '4000', streets: ['Queen St', 'Adelaide St', 'Ann St'] },
    { city: 'Perth', state: 'WA', postal: '6000', streets: ['Hay St', 'Murray St', 'St Georges Tce'] },
    { city: 'Adelaide', state: 'SA', postal: '5000', streets: ['Rundle Mall', 'King William St'] },
  ],
  FR: [
    {
      city: 'Paris',
      state: '',
      postal: '75001',
      streets: ['Rue de Rivoli', 'Rue Saint-Honoré', 'Rue du Louvre'],
    },
    { city: 'Lyon', state: '', postal: '69002', streets: ['Rue de la République', 'Rue Mercière'] },
    { city: 'Marseille', state: '', postal: '13001', streets: ['La Canebière', 'Rue Paradis'] },
    { city: 'Toulouse', state: '', postal: '31000', streets: ["Rue d'Alsace-Lorraine", 'Rue du Taur'] },
    {
      city: 'Bordeaux',
      state: '',
      postal: '33000',
      streets: ['Rue Sainte-Catherine', 'Cours de l’Intendance'],
    },
  ],
  NL: [
    { city: 'Amsterdam', state: '', postal: '1012 JS', streets: ['Damrak', 'Kalverstraat', 'Rokin'] },
    { city: 'Utrecht', state: '', postal: '3511 LX', streets: ['Oudegracht', 'Vredenburg'] },
  ],
};

export const FIRST = [
  'Amélie',
  'James',
  'Olivia',
  'Noah',
  'Zoë',
  'Liam',
  'Emma',
  'Jürgen',
  'Sofia',
  'Mateo',
  'Chloé',
  'Lucas',
  'Aoife',
  'Ethan',
  'Isabella',
  'François',
  'Mia',
  'Oliver',
  'Siobhán',
  'Henry',
  'Priya',
  'Wei',
  'Fatima',
  'Kwame',
  'Hannah',
  'Lena',
  'Ines',
  'Mohammed',
  'Grace',
  'Jack',
  'Ava',
  'Leon',
  'Camille',
  'Dylan',
  'Nora',
];
export const LAST = [
  'Doe',
  'Smith',
  'Müller',
  'Martin',
  'Nguyen',
  'García',
  'Brown',
  'Wilson',
  'Dubois',
  'Schmidt',
  'Taylor',
  'O’Brien',
  'Johnson',
  'Lefèvre',
  'Patel',
  'Chen',
  'Kim',
  'Rossi',
  'Anderson',
  'Murphy',
  'Fischer',
  'Singh',
  'Okafor',
  'Bernard',
  'Walker',
  'Thompson',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Evans',
];
export const EMPLOYERS = [
  'Flex',
  'Acme Health',
  'Northwind',
  'Globex',
  'Initech',
  'Umbrella Care',
  'Stark Industries',
  '',
];

// Mobile ranges per country that libphonenumber accepts as valid numbers.
export const PHONE: Record<string, (r: () => number) => string> = {
  US: (r) =>
    `+1${pick(r, ['415', '510', '512', '718', '312', '206', '303', '617', '305', '503'])}${digits(r, 1, '23456789')}${digits(r, 6)}`,
  CA: (r) => `+1${pick(r, ['416', '604', '514', '403', '902'])}${digits(r, 1, '23456789')}${digits(r, 6)}`,
  GB: (r) => `+4479${digits(r, 8)}`,
  DE: (r) => `+49151${digits(r, 8)}`,
  AU: (r) => `+614${digits(r, 1, '0123')}${digits(r, 7)}`,
  FR: (r) => `+336${digits(r, 1, '1234578')}${digits(r, 7)}`,
  NL: (r) => `+316${digits(r, 1, '12345')}${digits(r, 7)}`,
};

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)] as T;
}

export function digits(r: () => number, n: number, alphabet = '0123456789'): string {
  let s = '';
  for (let i = 0; i < n; i++) s += pick(r, alphabet.split(''));
  return s;
}

export function asciiLower(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}
