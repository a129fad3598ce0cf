// Two people edit the same field of the same customer and save, in both orders, 20 times.
// Lost updates: zero. Each write lands on top of what its author saw, or is refused as a conflict.
import { customerIn, expect, sandbox, signIn, test } from './fixtures';

test('two editors, one field, both orders, 20 rounds: no lost update', async ({ browser }) => {
  test.setTimeout(240_000);
  const customer = await customerIn('US');
  const a = await browser.newPage();
  const b = await browser.newPage();
  await signIn(a, 'support');
  await signIn(b, 'admin');
  for (let round = 0; round < 20; round++) {
    const [first, second] = round % 2 === 0 ? [a, b] : [b, a];
    await Promise.all([
      a.goto(`/customers/${customer.customer_id}`),
      b.goto(`/customers/${customer.customer_id}`),
    ]);
    const seen = (await sandbox.get(customer.customer_id)).employer ?? '';
    await first.getByLabel('Employer').fill(`first-${round}`);
    await second.getByLabel('Employer').fill(`second-${round}`);
    await first.getByRole('button', { name: 'Save changes' }).click();
    await first.getByRole('button', { name: 'Save to Flex' }).click();
    await expect(first.getByRole('status').filter({ hasText: /^Saved$/ })).toBeVisible();
    await second.getByRole('button', { name: 'Save changes' }).click();
    await second.getByRole('button', { name: 'Save to Flex' }).click();
    await expect(
      second.getByRole('region', { name: 'Changed since you opened it by someone else' }),
    ).toBeVisible();
    expect((await sandbox.get(customer.customer_id)).employer).toBe(`first-${round}`);
    expect(seen).not.toBe(`first-${round}`);
  }
  await a.close();
  await b.close();
});
