// Two people on one customer: one saves, the other's page is told within seconds which fields changed and
// by whom, and keeps its own unsaved edit; each sees that the other has the page open. A change made in
// Flex itself reaches the open page too.
import { appQuery, customerIn, expect, sandbox, saveReviewed, signIn, test } from './fixtures';

test('a save through the desk reaches the other open page, which keeps its unsaved edit', async ({
  browser,
}) => {
  test.setTimeout(150_000); // two browsers, two sign-ins, a save, and presence timing out
  const c = await customerIn('US');
  const sam = await browser.newContext();
  const ada = await browser.newContext();
  const samPage = await sam.newPage();
  const adaPage = await ada.newPage();
  await signIn(samPage, 'support', `/customers/${c.customer_id}`);
  await signIn(adaPage, 'admin', `/customers/${c.customer_id}`);

  // Presence, both ways.
  await expect(samPage.getByText('Also open: Ada Admin (Admin)')).toBeVisible({ timeout: 15_000 });
  await expect(adaPage.getByText('Also open: Sam Support (Support)')).toBeVisible({ timeout: 15_000 });

  // Sam has an unsaved edit; Ada changes another field and saves.
  await samPage.getByLabel('First name').fill('Samedit');
  const employer = `Live ${Date.now()}`;
  await adaPage.getByLabel('Employer').fill(employer);
  await saveReviewed(adaPage);

  const notice = samPage.getByRole('status', { name: 'Changed since you opened it' });
  await expect(notice).toContainText('Ada Admin (Admin) changed Employer just now.', { timeout: 5_000 });
  await expect(notice).toContainText('Your unsaved edits are kept');
  await expect(notice.getByRole('group', { name: 'Employer' })).toContainText(employer);
  await expect(samPage.getByLabel('First name')).toHaveValue('Samedit');
  // Ada's own page does not tell her of her own save.
  await expect(adaPage.getByRole('status', { name: 'Changed since you opened it' })).toHaveCount(0);

  // When Ada leaves, Sam's page stops listing her.
  await ada.close();
  await expect(samPage.getByText('Also open: Ada Admin (Admin)')).toHaveCount(0, { timeout: 15_000 });
  await sam.close();
});

test('a change made in Flex reaches the open page; with no edits the form shows it', async ({ page }) => {
  const c = await customerIn('US');
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  await expect(page.getByLabel('Employer')).toHaveValue(c.employer ?? '');
  // The page listens (the change below is told as it happens, not found on connecting).
  await expect(page.locator('[data-live="connected"]')).toHaveCount(1, { timeout: 10_000 });
  const employer = `Flexside ${Date.now()}`;
  await sandbox.patch(c.customer_id, { employer });
  const notice = page.getByRole('status', { name: 'Changed since you opened it' });
  await expect(notice).toContainText('Employer changed in Flex just now.', { timeout: 10_000 });
  await expect(notice).toContainText('The form now shows the new values.');
  await expect(page.getByLabel('Employer')).toHaveValue(employer);
});

test('a change that lands while the page is still loading is told once the page listens', async ({
  page,
}) => {
  const c = await customerIn('US');
  // The page's live stream is held back (as a slow network would) until Flex's change is in the index.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/customers/${c.customer_id}/events**`, async (route) => {
    await held;
    await route.continue();
  });
  await signIn(page, 'support', `/customers/${c.customer_id}`);
  await expect(page.getByLabel('Employer')).toHaveValue(c.employer ?? '');
  const employer = `Meanwhile ${Date.now()}`;
  await sandbox.patch(c.customer_id, { employer });
  // The webhook's re-read has put Flex's answer in the index.
  await expect
    .poll(
      async () =>
        (
          await appQuery<{ employer: string }>('SELECT employer FROM customer_index WHERE id = $1', [
            c.customer_id,
          ])
        )[0]?.employer,
      { timeout: 10_000 },
    )
    .toBe(employer);
  release();
  const notice = page.getByRole('status', { name: 'Changed since you opened it' });
  await expect(notice).toContainText('Employer changed in Flex since this page was loaded.', {
    timeout: 10_000,
  });
  await expect(page.getByLabel('Employer')).toHaveValue(employer);
});
