// The one search box over the customer index: each kind of query in the browser, what each result says,
// and a change made in Flex (straight through the sandbox's API) showing up in the results.
import { expect, signIn, test, type WireCustomer } from './fixtures';
import { E2E } from './env';

const letters = (n: number) =>
  Array.from({ length: n }, () => 'bcdfghjklmnpqrstvwxz'[Math.floor(Math.random() * 20)]).join('');

async function createInFlex(customer: Record<string, unknown>): Promise<WireCustomer> {
  const res = await fetch(`${E2E.sandboxURL}/v1/customers`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${E2E.key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ customer }),
  });
  expect(res.ok).toBe(true);
  return ((await res.json()) as { customer: WireCustomer }).customer;
}

test.beforeEach(async ({ page }) => {
  await signIn(page, 'support');
});

test('each kind of search finds a customer created in Flex, and says what matched', async ({ page }) => {
  const first = `Quo${letters(6)}`;
  const order = `ORD-${Date.now()}`;
  // A valid US number: the exchange starts with 2–9 and is never N11 (its middle digit is 0).
  const phone = `212${2 + Math.floor(Math.random() * 8)}0${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`;
  const c = await createInFlex({
    first_name: first,
    last_name: 'Vázquez',
    email: `${first.toLowerCase()}@mail.example`,
    phone: `+1${phone}`,
    shipping: { line1: '1 Dock St', city: 'Málaga', state: '', postal_code: 'SW9 0ZZ', country: 'GB' },
    metadata: JSON.stringify({ order }), // Flex takes metadata as a string holding JSON
  });
  const search = async (q: string) => {
    await page.goto(`/?q=${encodeURIComponent(q)}`);
    return page.getByRole('row').filter({ has: page.getByRole('link', { name: `${first} Vázquez` }) });
  };
  // The webhook from Flex puts the new customer into the index within seconds.
  await expect(async () => expect(await search(`${first.slice(0, 5)} vazq`)).toHaveCount(1)).toPass({
    timeout: 15_000,
  });
  const cases: [string, RegExp][] = [
    [first.toUpperCase(), /Name/],
    [`${first} malaga`, /Name \(and city\)/],
    [`(${phone.slice(0, 3)}) ${phone.slice(3, 6)}-${phone.slice(6)}`, /Phone/],
    [`+1 ${phone.slice(0, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`, /Phone/],
    [order, /Metadata \(order\)/],
    [`order:${order}`, /Metadata \(order\)/],
    [`${first.toLowerCase()}@mail`, /Email/],
    [c.customer_id.toLowerCase(), /./],
  ];
  for (const [q, matched] of cases) {
    if (q.startsWith('fcus_')) {
      await page.goto(`/?q=${q}`);
      await expect(page).toHaveURL(new RegExp(`/customers/${c.customer_id}$`));
      continue;
    }
    const row = await search(q);
    await expect(row, q).toHaveCount(1);
    await expect(row.getByRole('cell').last()).toContainText(matched);
    await expect(row.getByRole('cell').last()).toContainText(/synced \d+ (s|min) ago/);
    await expect(row).toContainText(`${first.toLowerCase()}@mail.example`);
    await expect(row).toContainText('Málaga, SW9 0ZZ, GB');
  }
  // Postal code with or without the space, any case: the row is there (others may share it).
  for (const q of ['sw90zz', 'SW9 0ZZ']) await expect(await search(q)).toHaveCount(1);
  // A misspelling finds the name when nothing matches exactly.
  const typo = await search(`${first.slice(0, -1)}${first.endsWith('x') ? 'z' : 'x'}`);
  await expect(typo).toHaveCount(1);
  await expect(typo.getByRole('cell').last()).toContainText('Similar name');
});

test('a change made in Flex shows up in the results', async ({ page }) => {
  const first = `Ren${letters(6)}`;
  const c = await createInFlex({
    first_name: first,
    last_name: 'Okafor',
    email: `${first.toLowerCase()}@mail.example`,
    shipping: { line1: '2 Quay', city: 'Leeds', state: '', postal_code: 'LS1 4AP', country: 'GB' },
  });
  await expect(async () => {
    await page.goto(`/?q=${first}`);
    await expect(page.getByRole('link', { name: `${first} Okafor` })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const res = await fetch(`${E2E.sandboxURL}/v1/customers/${c.customer_id}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${E2E.key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ customer: { last_name: 'Øyelaran' } }),
  });
  expect(res.ok).toBe(true);
  await expect(async () => {
    await page.goto(`/?q=${encodeURIComponent(`${first} oyela`)}`);
    await expect(page.getByRole('link', { name: `${first} Øyelaran` })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.goto(`/?q=${encodeURIComponent(`${first} okafor`)}`);
  await expect(page.getByRole('link', { name: `${first} Okafor` })).toHaveCount(0);
});

test('hostile text is searched literally and said back plainly', async ({ page }) => {
  for (const q of ['%', '_', '\\', `'"; DROP TABLE customer_index; --`, 'x'.repeat(260)]) {
    await page.goto(`/?q=${encodeURIComponent(q)}`);
    await expect(page.getByRole('heading', { name: /Customers matching/ })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: /match/ })).toBeVisible();
  }
  await expect(
    page.getByRole('status').filter({ hasText: 'Only the first 200 characters were searched.' }),
  ).toBeVisible();
});

test('keyboard: / focuses the box, j/k move through results, Enter opens one', async ({ page }) => {
  await page.goto('/?q=amelie');
  const links = page.getByRole('table').getByRole('link');
  await expect(links.nth(1)).toBeVisible();
  await links.first().focus();
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('k');
  await expect(links.nth(1)).toBeFocused();
  const href = await links.nth(1).getAttribute('href');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});
