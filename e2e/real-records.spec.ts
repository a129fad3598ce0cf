// Real records: values Flex already holds never block an edit; every edit has a reason; revert and undo;
// the address label preview. Against the seeded legacy records of the sandbox, not data made to pass.
import AxeBuilder from '@axe-core/playwright';
import { LIVE } from './env';
import { expect, sandbox, saveReviewed, signIn, test } from './fixtures';

const HELD = 'Flex holds a value this form would not accept now. It stays as it is unless you change it.';
const REFERENCE_EMAIL = 'joh.doe@example.com';

test('a legacy customer (phone +15555555555) gets a city correction saved; only shipping is sent', async ({
  page,
}) => {
  const c = await sandbox.byEmail(REFERENCE_EMAIL);
  expect(c.phone).toBe('+15555555555');
  await signIn(page, 'admin', `/customers/${c.customer_id}`);

  const phone = page.getByLabel('Phone');
  await expect(phone).toHaveValue(/555/);
  // The quiet notice sits at the phone field, described by it.
  await expect(phone).toHaveAccessibleDescription(HELD);

  await page.getByLabel('City').fill('Oakland');
  await page.getByLabel('Postal code').fill('94612');
  await expect(page.getByRole('figure', { name: 'Label preview' })).toContainText('Oakland, CA 94612');
  await sandbox.clearRequests();
  await page.getByRole('button', { name: 'Save changes' }).click();
  const dialog = page.getByRole('dialog', { name: 'Review changes' });
  await expect(dialog.getByLabel('Label before')).toContainText('San Francisco, CA 94107');
  await expect(dialog.getByLabel('Label after')).toContainText('Oakland, CA 94612');
  await dialog.getByLabel('Reason (optional)').selectOption({ label: 'Returned mail or carrier correction' });
  await dialog.getByLabel('Ticket (optional)').fill('https://support.example.com/tickets/4821');
  await new AxeBuilder({ page })
    .include('dialog')
    .analyze()
    .then((axe) => {
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    });
  await dialog.getByRole('button', { name: 'Save to Flex' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();

  const patches = (await sandbox.requests()).filter((r) => r.method === 'PATCH');
  expect(patches).toHaveLength(1);
  const body = JSON.parse(patches[0]!.body) as { customer: Record<string, unknown> };
  expect(Object.keys(body.customer)).toEqual(['shipping']);
  expect(body.customer.shipping).toEqual({
    line1: '123 Main St',
    line2: 'Suite 100',
    city: 'Oakland',
    state: 'CA',
    postal_code: '94612',
    country: 'US',
  });
  expect((await sandbox.get(c.customer_id)).phone).toBe('+15555555555');

  // History shows the reason and the ticket as a link.
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText('Returned mail or carrier correction');
  await expect(history.getByRole('link', { name: /support\.example\.com/ })).toHaveAttribute(
    'href',
    'https://support.example.com/tickets/4821',
  );
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  // /audit filters by reason and ticket, and the export carries them.
  await page.goto('/audit');
  await page.getByLabel('Reason').selectOption({ label: 'Returned mail or carrier correction' });
  await page.getByLabel('Ticket').fill('tickets/4821');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/reason=carrier_correction/);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText(c.customer_id);
  for (const row of (await rows.all()).slice(1)) await expect(row).toContainText('Returned mail');
  await expect(rows.nth(1)).toContainText('Reason: Returned mail or carrier correction');
  const csv = await (await page.request.get(`/audit/export?reason=carrier_correction`)).text();
  expect(csv.split('\n')[0]).toContain('reason_code,reason,reason_detail,ticket,reverts_id');
  expect(csv).toContain(
    'carrier_correction,Returned mail or carrier correction,,https://support.example.com/tickets/4821',
  );
});

test('an unchanged legacy address shows as Flex holds it; changing it marks each failing part', async ({
  page,
}) => {
  // A US address held without a state, as older records are.
  const c = await sandbox.byEmail('noah.singh.l5@example.com');
  expect(c.shipping.country).toBe('US');
  expect(c.shipping.state).toBe('');
  await signIn(page, 'ops', `/customers/${c.customer_id}`);
  await expect(page.getByLabel('State')).toHaveAccessibleDescription(new RegExp(HELD.slice(0, 40)));
  await page.getByLabel('Address line 2').fill('Apt 9');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByLabel('State')).toHaveAccessibleDescription(/Choose the state/);
  await expect(page.getByRole('alert').filter({ hasText: /problem/ })).toContainText('State');
  // The typed value is kept.
  await expect(page.getByLabel('Address line 2')).toHaveValue('Apt 9');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('a record with nulls, unknown fields and no address is found, shown raw, and saved', async ({
  page,
}) => {
  const email = 'kwame.schmidt.l10@example.com';
  const c = await sandbox.byEmail(email);
  expect(c.first_name).toBeNull();
  await signIn(page, 'admin', '/');
  await page.getByLabel('Search customers').fill(email);
  await page.getByLabel('Search customers').press('Enter');
  const results = page.getByRole('table', { name: `Customers matching ${email}` });
  // No first name: the row still reads, by last name and email.
  await expect(results).toContainText('Schmidt');
  await results.getByRole('link').first().click();
  await page.waitForURL(/\/customers\/fcus_/);
  await expect(page.getByLabel('First name')).toHaveValue('');
  await expect(page.getByLabel('Country')).toHaveValue('');
  const returned = page.getByRole('region', { name: 'As Flex returned it' });
  await returned.getByRole('button', { name: 'Raw JSON' }).click();
  await expect(returned).toContainText('"legacy_source"');
  await expect(returned).toContainText('"first_name": null');

  await page.getByLabel('First name').fill('Kwame');
  await sandbox.clearRequests();
  await saveReviewed(page);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  const [patch] = (await sandbox.requests()).filter((r) => r.method === 'PATCH');
  expect(JSON.parse(patch!.body)).toEqual({ customer: { first_name: 'Kwame' } });
  const stored = await sandbox.get(c.customer_id);
  expect(stored).toMatchObject({ first_name: 'Kwame', phone: null, employer: null });

  // The finder's list reaches the oldest (legacy) records page by page without breaking.
  await page.goto('/');
  await page.getByLabel('Page size').selectOption('100');
  const older = page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Older →' });
  await older.click();
  await older.click();
  const table = page.getByRole('table', { name: 'Newest customers' });
  // The last page: 40 of the oldest records, most of them legacy (their emails end in .l<n>@example.com).
  await expect(table.getByRole('row')).toHaveCount(41);
  await expect(table).toContainText(/\.l\d+@example\.com/);
});

test('revert restores a change; revert after someone else changed the field shows the conflict and sends nothing', async ({
  page,
}) => {
  const c = (await sandbox.list('limit=100')).find((x) => x.employer && x.first_name)!;
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  await page.getByLabel('Employer').fill('Reverted Co');
  await saveReviewed(page);
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  expect((await sandbox.get(c.customer_id)).employer).toBe('Reverted Co');

  const history = page.getByRole('region', { name: 'History' });
  await history.getByRole('button', { name: 'Revert…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Revert this change' });
  await expect(dialog.getByRole('row', { name: /Employer/ })).toContainText(c.employer!);
  await dialog.getByLabel('Reason (optional)').selectOption({ label: 'Data clean-up' });
  await dialog.getByRole('button', { name: 'Revert in Flex' }).click();
  await expect(page.getByLabel('Employer')).toHaveValue(c.employer!);
  expect((await sandbox.get(c.customer_id)).employer).toBe(c.employer);
  await expect(history.getByText(/Reverts change #\d+/)).toBeVisible();

  // Someone changes it in Flex; reverting the first change again must not overwrite their value.
  await page.getByLabel('Employer').fill('Mine Again');
  await saveReviewed(page);
  await expect.poll(async () => (await sandbox.get(c.customer_id)).employer).toBe('Mine Again');
  await expect(page.getByText('No unsaved changes')).toBeVisible();
  await sandbox.patch(c.customer_id, { employer: 'Changed Elsewhere' });
  await sandbox.clearRequests();
  await history.getByRole('button', { name: 'Revert…' }).first().click();
  await page
    .getByRole('dialog', { name: 'Revert this change' })
    .getByRole('button', { name: 'Revert in Flex' })
    .click();
  await expect(
    page.getByText(/Not reverted: nothing was sent\. Employer was changed after that change/),
  ).toBeVisible();
  expect((await sandbox.requests()).filter((r) => r.method === 'PATCH')).toHaveLength(0);
  expect((await sandbox.get(c.customer_id)).employer).toBe('Changed Elsewhere');
});

test('Undo within 10 seconds takes the change back; after that the button is gone', async ({ page }) => {
  const c = (await sandbox.list('limit=100')).find((x) => x.employer)!;
  await signIn(page, 'admin', `/customers/${c.customer_id}`);
  await page.getByLabel('Employer').fill('Undo Me Inc');
  await saveReviewed(page);
  await page.getByRole('button', { name: 'Undo' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo your change' });
  await dialog.getByRole('button', { name: 'Revert in Flex' }).click();
  await expect(page.getByLabel('Employer')).toHaveValue(c.employer!);
  expect((await sandbox.get(c.customer_id)).employer).toBe(c.employer);

  // Save again and wait out the window.
  await page.getByLabel('Employer').fill('Keep Me Inc');
  await saveReviewed(page);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0, { timeout: 12_000 });
});

test.describe('live mode', () => {
  test.use({ baseURL: LIVE.baseURL });

  test('a reason is required, the dialog says LIVE, and the reason shows in History', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(LIVE.adminEmail);
    await page.getByLabel('Password').fill(LIVE.adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByLabel('Employer').fill(`Live Employer ${Date.now() % 10000}`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Review changes in LIVE Flex' });
    const save = dialog.getByRole('button', { name: 'Save to live Flex' });
    await save.click();
    await expect(dialog.getByLabel('Reason')).toHaveAccessibleDescription(/Choose why/);
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('Reason').selectOption({ label: 'Other' });
    await save.click();
    await expect(dialog.getByLabel('Detail')).toHaveAccessibleDescription(/Say in a few words/);
    await dialog.getByLabel('Detail').fill('Employer renamed after merger');
    await dialog.getByLabel('Ticket (optional)').fill('ZD-4821');
    await save.click();
    await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    const history = page.getByRole('region', { name: 'History' });
    await expect(history).toContainText('Other: Employer renamed after merger');
    await expect(history).toContainText('ZD-4821');
  });
});
