import { customerIn, expect, sandbox, signIn, test } from './fixtures';

test('metadata in the table: add, edit and remove rows, with non-string values kept', async ({ page }) => {
  const c = await customerIn('', (x) => 'plan' in x.metadata);
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  const before = c.metadata;
  await page.getByRole('button', { name: '+ Add field' }).click();
  const n = Object.keys(before).length + 1;
  await page.getByLabel(`Key ${n}`).fill('ticket');
  await page.getByLabel(`Value ${n}`).fill('SUP-1234');
  await page.getByRole('button', { name: 'Remove plan' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page
    .getByRole('dialog', { name: 'Review changes' })
    .getByRole('button', { name: 'Save to Flex' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  const { plan: _removed, ...rest } = before;
  void _removed;
  expect((await sandbox.get(c.customer_id)).metadata).toEqual({ ...rest, ticket: 'SUP-1234' });
  expect(typeof (await sandbox.get(c.customer_id)).metadata.tier).toBe('number');
});

test('metadata as raw JSON: a parse error is marked and blocks the save; switching keeps the content', async ({
  page,
}) => {
  const c = await customerIn('US', (x) => Object.keys(x.metadata).length === 0);
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  const editor = page.getByRole('textbox', { name: 'Metadata' });
  await expect(editor).toBeVisible();
  await editor.fill('{"n": 1.5, "ok": false, "none": null, "deep": {"list": [1, "two"]}, "bad": }');
  await sandbox.clearRequests();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText(/Metadata is not valid JSON: line 1, column \d+/)).toBeVisible();
  await expect(page.locator('.cm-lint-marker-error, .cm-lintRange-error').first()).toBeVisible();
  expect((await sandbox.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);

  // Cannot switch to the table while the JSON is broken; fix it, switch, and everything is still there.
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.getByText(/Fix the JSON before switching to the table/)).toBeVisible();
  await editor.fill('{"n": 1.5, "ok": false, "none": null, "deep": {"list": [1, "two"]}}');
  await page.getByRole('button', { name: 'Table' }).click();
  await expect(page.getByLabel('Key 4')).toHaveValue('deep');
  await expect(page.getByLabel('Value 4')).toHaveValue('{"list":[1,"two"]}');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page
    .getByRole('dialog', { name: 'Review changes' })
    .getByRole('button', { name: 'Save to Flex' })
    .click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  expect((await sandbox.get(c.customer_id)).metadata).toEqual({
    n: 1.5,
    ok: false,
    none: null,
    deep: { list: [1, 'two'] },
  });
  const patch = (await sandbox.requests()).find((r) => r.method === 'PATCH')!;
  expect(typeof (JSON.parse(patch.body) as { customer: { metadata: unknown } }).customer.metadata).toBe(
    'string',
  );
});

test('the JSON editor is not loaded until it is opened', async ({ page }) => {
  const c = await customerIn('US');
  await signIn(page, 'support');
  const scripts: string[] = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('.js')) scripts.push(await r.text().catch(() => ''));
  });
  await page.goto(`/customers/${c.customer_id}`);
  await expect(page.getByLabel('First name')).toBeVisible();
  expect(scripts.some((s) => s.includes('cm-lintRange'))).toBe(false);
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Metadata' })).toBeVisible();
  expect(scripts.some((s) => s.includes('cm-lintRange'))).toBe(true);
});
