import { expect, sandbox, signIn, test } from './fixtures';

test.beforeEach(async ({ page }) => {
  await signIn(page, 'support');
});

test('find by email, exact and in lower case', async ({ page }) => {
  const [c] = await sandbox.list('limit=1&offset=7');
  const search = page.getByLabel('Search customers');
  await search.fill(c!.email!.toUpperCase());
  await search.press('Enter');
  await expect(page).toHaveURL(/\?q=/);
  await expect(page.getByRole('link', { name: `${c!.first_name} ${c!.last_name}` })).toBeVisible();
  await page.getByRole('link', { name: `${c!.first_name} ${c!.last_name}` }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${c!.customer_id}$`));
});

test('find by id goes straight to the customer; a malformed id says so', async ({ page }) => {
  const [c] = await sandbox.list('limit=1&offset=3');
  await page.getByLabel('Search customers').fill(c!.customer_id);
  await page.getByLabel('Search customers').press('Enter');
  await expect(page).toHaveURL(new RegExp(`/customers/${c!.customer_id}$`));
  await expect(page.getByLabel('First name')).toHaveValue(c!.first_name!);
  // From the customer page, "/" focuses the search box in the top bar.
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search customers')).toBeFocused();
  await page.keyboard.type('fcus_nope');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'not a customer id' })).toBeVisible();
});

test('find by part of a name, ignoring accents, with the scope said plainly', async ({ page }) => {
  const all = await sandbox.list('limit=100');
  const expected = all.filter((c) => c.first_name === 'Amélie').length;
  await page.getByLabel('Search customers').fill('amelie');
  await page.getByLabel('Search customers').press('Enter');
  // The index behind the search says how much of Flex it holds (all of it, once the backfill is done).
  const status = page.getByRole('status').filter({ hasText: /Searched all [\d,]+ customers in the index/ });
  await expect(status).toBeVisible();
  await expect(status).toContainText(/\d+ match/);
  const rows = page.getByRole('link', { name: /Amélie/ });
  expect(await rows.count()).toBeGreaterThanOrEqual(expected);
});

test('no match says so', async ({ page }) => {
  await page.goto('/?q=zzyzx-nobody');
  await expect(
    page.getByRole('status').filter({ hasText: 'No customers match “zzyzx-nobody”.' }),
  ).toBeVisible();
  await page.goto('/?q=nobody%40example.com');
  await expect(page.getByText('No customers match “nobody@example.com”')).toBeVisible();
});

test('browse pages both ways, keeps them in the URL, and the back button works', async ({ page }) => {
  const first = await sandbox.list('limit=10');
  const second = await sandbox.list(`limit=10&starting_after=${first[9]!.customer_id}`);
  await page.goto('/');
  await page.getByLabel('Page size').selectOption('10');
  await expect(page).toHaveURL(/limit=10/);
  await expect(
    page.getByRole('link', { name: `${first[0]!.first_name} ${first[0]!.last_name}` }).first(),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Older →' }).click();
  await expect(page).toHaveURL(new RegExp(`after=${first[9]!.customer_id}`));
  await expect(page.getByRole('table').getByRole('link').first()).toHaveText(
    `${second[0]!.first_name} ${second[0]!.last_name}`,
  );
  await page.getByRole('link', { name: '← Newer' }).click();
  await expect(page).toHaveURL(new RegExp(`before=${second[0]!.customer_id}`));
  await expect(page.getByRole('table').getByRole('link').first()).toHaveText(
    `${first[0]!.first_name} ${first[0]!.last_name}`,
  );
  await page.goBack();
  await expect(page.getByRole('table').getByRole('link').first()).toHaveText(
    `${second[0]!.first_name} ${second[0]!.last_name}`,
  );
  // A shared link opens the same page.
  await page.goto(`/?after=${first[9]!.customer_id}&limit=10`);
  await expect(page.getByRole('table').getByRole('link').first()).toHaveText(
    `${second[0]!.first_name} ${second[0]!.last_name}`,
  );
});

test('keyboard: j/k and arrows move between rows, Enter opens one', async ({ page }) => {
  const rows = await sandbox.list('limit=3');
  await page.goto('/');
  await page.getByRole('table').getByRole('link').first().focus();
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('k');
  await expect(page.getByRole('table').getByRole('link').nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/customers/${rows[1]!.customer_id}$`));
});

test('recently viewed lists the customers this person opened, newest first', async ({ page }) => {
  const [a, b] = await sandbox.list('limit=2&offset=20');
  await page.goto(`/customers/${a!.customer_id}`);
  await page.goto(`/customers/${b!.customer_id}`);
  await page.goto('/');
  const recent = page.getByRole('region', { name: 'Recently viewed' });
  await expect(recent.getByRole('link').first()).toHaveText(`${b!.first_name} ${b!.last_name}`);
  await expect(recent.getByRole('link', { name: `${a!.first_name} ${a!.last_name}` })).toBeVisible();
});
