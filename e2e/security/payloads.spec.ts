// Hostile text in every field: refused at the field, or stored and shown as inert text.
import { customerIn, expect, sandbox, signIn, test } from '../fixtures';

const HTML = `<img src=x onerror="alert('xss')"><script>alert('xss')</script>`;

test('HTML and script payloads are stored as text and never run', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  const c = await customerIn('US');
  await signIn(page, 'admin', `/customers/${c.customer_id}`);
  await page.getByLabel('First name').fill(HTML.slice(0, 90));
  await page.getByLabel('Employer').fill(`"><svg onload=alert(1)>`);
  await page.getByLabel('Address line 2').fill(`<iframe src="javascript:alert(2)">`);
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await page
    .getByRole('textbox', { name: 'Metadata' })
    .fill(JSON.stringify({ note: HTML, 'k<b>': '</script><script>alert(3)</script>' }));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('button', { name: 'Save to Flex' }).click();
  await expect(page.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
  expect((await sandbox.get(c.customer_id)).first_name).toBe(HTML.slice(0, 90));
  await page.reload();
  await expect(page.getByLabel('First name')).toHaveValue(HTML.slice(0, 90));
  await page.goto('/?q=' + encodeURIComponent('img src'));
  await expect(page.getByRole('status').filter({ hasText: /match/ })).toBeVisible();
  await page.goto(`/audit?customer=${c.customer_id}`);
  await expect(page.getByRole('table')).toContainText('onerror');
  expect(dialogs).toEqual([]);
  expect(
    await page.evaluate(() => document.querySelectorAll('img[src="x"], iframe, svg[onload]').length),
  ).toBe(0);
});

test('control characters, CR/LF, direction overrides and 10 kB strings are refused at their field', async ({
  page,
}) => {
  const c = await customerIn('US');
  await signIn(page, 'admin', `/customers/${c.customer_id}`);
  await sandbox.clearRequests();
  const cases: [string, string, RegExp][] = [
    ['First name', 'a\u0007b', /not allowed/],
    ['Employer', 'abc\u202Egnp.exe', /not allowed/],
    ['City', 'x'.repeat(10_000), /too long/],
    ['Address line 1', '1 Main\u0000St', /not allowed/],
  ];
  for (const [label, value, message] of cases) {
    const input = page.getByLabel(label, { exact: true });
    await input.fill(value);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(input).toHaveAccessibleDescription(message);
    await expect(input).toHaveValue(value);
    await input.fill(
      label === 'City' ? c.shipping.city! : label === 'Address line 1' ? c.shipping.line1! : '',
    );
  }
  expect((await sandbox.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);
});
