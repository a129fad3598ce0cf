// Bulk shipping corrections, as ops would make one: upload → map → dry run → apply → report → undo, with
// every kind of row, a change made in Flex between dry run and apply, and the bad files each refused.
import { guessMapping, KEEP_BLANKS } from '../lib/bulk/mapping';
import { expect, sandbox, signIn, test, type WireCustomer } from './fixtures';

const csvFile = (name: string, text: string | Buffer) => ({
  name,
  mimeType: 'text/csv',
  buffer: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
});

/** Today's records (the newest; the seed's legacy records are the oldest) that have an address. */
async function todaysCustomers(n: number): Promise<WireCustomer[]> {
  const all = [...(await sandbox.list('limit=100')), ...(await sandbox.list('limit=90&offset=100'))];
  return all.filter((c) => c.shipping?.line1 && /^[A-Z]{2}$/.test(c.shipping.country ?? '')).slice(0, n);
}

test('a 50-row correction: dry run, a conflict from a change made meanwhile, apply, report, undo', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const cs = await todaysCustomers(45);
  const rows = [
    ...cs.slice(0, 30).map((c, i) => `${c.customer_id},${c.shipping.line1},Unit ${i + 1},,,`),
    ...cs.slice(30, 35).map((c) => `${c.customer_id},${c.shipping.line1},${c.shipping.line2},,,`),
    ...cs.slice(35, 40).map((c) => `${c.customer_id},,,,,XXXX`),
    ...cs.slice(40, 45).map((c) => `${c.customer_id.slice(0, -4)}ZZZZ,1 New St,,,,`),
    'not-an-id,1 New St,,,,',
    ',1 New St,,,,',
    'fcus_01HACM7FZ1084XB1GB6053VM0D,1 New St,,,,',
    '"=HYPERLINK(""http://x"")",1 New St,,,,',
    'fcus_01HACM7FZ1084XB1GB6053VM0E,"1 New St, Rear",,,,',
  ];
  expect(rows).toHaveLength(50);
  const csv = `customer_id,line1,line2,city,state,zip\n${rows.join('\n')}\n`;

  await signIn(page, 'ops', '/bulk');
  await page.getByLabel('CSV file', { exact: true }).setInputFiles(csvFile('fix.csv', csv));
  await expect(page.getByText('50 rows, 6 columns')).toBeVisible();
  await expect(page.getByLabel('Customer id')).toHaveValue('0');
  await expect(page.getByLabel('Postal code', { exact: true })).toHaveValue('5');
  // A blank keeps Flex's value by default; the preview says so.
  await expect(page.getByRole('table', { name: 'The first rows as they will be read' })).toContainText(
    '(keep Flex’s value)',
  );
  await page.getByLabel('Reason (optional)').selectOption({ label: 'Returned mail or carrier correction' });
  await page.getByRole('button', { name: 'Start the dry run' }).click();
  await page.waitForURL(/\/bulk\/blk_/);
  await expect(page.getByRole('heading', { name: 'Dry run finished: review the plan' })).toBeVisible({
    timeout: 30_000,
  });
  const filters = page.getByRole('navigation', { name: 'Filter rows' });
  await expect(filters.getByRole('button', { name: 'Will change 30' })).toBeVisible();
  await expect(filters.getByRole('button', { name: 'No change 5' })).toBeVisible();
  await expect(filters.getByRole('button', { name: 'Invalid 8' })).toBeVisible();
  await expect(filters.getByRole('button', { name: 'Customer not found 7' })).toBeVisible();
  await filters.getByRole('button', { name: 'Invalid 8' }).click();
  await expect(page.getByRole('table', { name: 'Rows of the file' })).toContainText(
    'not a valid postal code',
  );

  // Someone fixes one of the addresses in Flex before the person applies.
  const raced = cs[3]!;
  await sandbox.patch(raced.customer_id, {
    shipping: { ...stripId(raced.shipping), line2: 'Changed in Flex' },
  });
  await sandbox.clearRequests();
  await page.getByRole('button', { name: 'Apply: write 30 addresses to Flex' }).click();
  await expect(page.getByRole('heading', { name: 'Finished' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/30 of 30 rows sent: 29 written, 1 conflicts, 0 failed/)).toBeVisible();
  const patches = (await sandbox.requests()).filter((r) => r.method === 'PATCH');
  expect(patches).toHaveLength(29);
  expect(new Set(patches.map((p) => p.path)).size).toBe(29);
  expect((await sandbox.get(raced.customer_id)).shipping.line2).toBe('Changed in Flex');
  expect((await sandbox.get(cs[0]!.customer_id)).shipping.line2).toBe('Unit 1');

  // The report: every input row, with its outcome; a formula-looking cell is escaped.
  const runUrl = page.url();
  const report = await (await page.request.get(`${runUrl}/report`)).text();
  const lines = report.trim().split(/\r?\n/);
  expect(lines).toHaveLength(51);
  expect(report).toContain(`${cs[0]!.customer_id},change,done`);
  expect(report).toContain(`${raced.customer_id},change,conflict`);
  expect(report).toContain(`"'=HYPERLINK(""http://x"")"`);

  // Undo, after someone edits one of the written rows: that row is a conflict and left alone.
  const edited = cs[5]!;
  await sandbox.patch(edited.customer_id, {
    shipping: { ...stripId(edited.shipping), line2: 'Edited after' },
  });
  await page.getByRole('button', { name: 'Undo this run…' }).click();
  await page.waitForURL((u) => u.href !== runUrl);
  await expect(page.getByRole('heading', { name: 'Dry run finished: review the plan' })).toBeVisible();
  await page.getByRole('button', { name: 'Apply: write 29 addresses to Flex' }).click();
  await expect(page.getByRole('heading', { name: 'Finished' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/29 of 29 rows sent: 28 written, 1 conflicts/)).toBeVisible();
  expect((await sandbox.get(cs[0]!.customer_id)).shipping.line2).toBe(cs[0]!.shipping.line2);
  expect((await sandbox.get(edited.customer_id)).shipping.line2).toBe('Edited after');

  // Every row is in the audit trail with the run's id.
  await page.context().clearCookies();
  await signIn(page, 'admin', `/audit?run=${runUrl.split('/').pop()}`);
  await expect(page.getByRole('table')).toContainText('Returned mail or carrier correction');
});

test('bad files get a clear error and nothing is created', async ({ page }) => {
  const [c] = await todaysCustomers(1);
  await signIn(page, 'ops', '/bulk');
  const file = page.getByLabel('CSV file', { exact: true });
  const alert = page.getByRole('region', { name: 'New correction from a CSV file' }).getByRole('alert');
  await file.setInputFiles(csvFile('latin1.csv', Buffer.from('customer_id,city\nx,M\xfcnchen\n', 'latin1')));
  await expect(alert).toContainText('not UTF-8');
  await file.setInputFiles(csvFile('noheader.csv', `${c!.customer_id},Austin\n`));
  await expect(alert).toContainText('must be a header');
  await file.setInputFiles(csvFile('noid.csv', 'name,city\nx,Austin\n'));
  await expect(alert).toContainText('Choose the column that holds the customer id.');
  await expect(page.getByRole('button', { name: 'Start the dry run' })).toBeDisabled();
  await file.setInputFiles(
    csvFile('dup.csv', `id,city\n${c!.customer_id},Austin\nx,Y\n${c!.customer_id},Dallas\n`),
  );
  await expect(alert).toContainText(`${c!.customer_id} (rows 2, 4)`);
  await file.setInputFiles(
    csvFile('big.csv', `id,city\n${'fcus_01HACM7FZ1084XB1GB6053VM0D,X\n'.repeat(10_001)}`),
  );
  await expect(alert).toContainText('10,001 rows; at most 10,000');
  // The server reads the file itself: a duplicate sent past the browser is refused there too.
  const res = await page.request.post('/bulk/upload', {
    headers: { Origin: new URL(page.url()).origin },
    multipart: {
      file: csvFile('dup.csv', `id,city\n${c!.customer_id},Austin\n${c!.customer_id},Dallas\n`),
      mapping: JSON.stringify(guessMapping(['customer_id', 'city'])),
      blanks: JSON.stringify(KEEP_BLANKS),
      reason: JSON.stringify({ code: '', detail: '', ticket: '' }),
    },
  });
  expect(res.status()).toBe(400);
  expect(((await res.json()) as { message: string }).message).toContain('rows 2, 3');
  await page.goto('/bulk');
  await expect(page.getByRole('heading', { name: 'Runs' })).toBeVisible();
  for (const name of ['latin1.csv', 'noheader.csv', 'noid.csv', 'dup.csv', 'big.csv'])
    await expect(page.getByRole('cell', { name, exact: true })).toHaveCount(0);
});

test('support may not run bulk corrections', async ({ page }) => {
  await signIn(page, 'support', '/');
  await expect(page.getByRole('link', { name: 'Bulk corrections' })).toHaveCount(0);
  const res = await page.request.post('/bulk/upload', {
    headers: { Origin: new URL(page.url()).origin },
    multipart: { file: csvFile('x.csv', 'id,city\nx,y\n') },
  });
  expect(res.status()).toBe(403);
});

function stripId(s: Record<string, string>) {
  const { shipping_address_id: _, ...rest } = s;
  void _;
  return rest;
}
