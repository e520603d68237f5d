// Journey: an agency's clients on the project dashboard, with JavaScript on and off. A client
// viewer sees only their company's projects, the summary and the status chart, filters them and
// opens one (its data sources, charts, AI integration and generated report), read-only but for a
// comment; a client admin moves a task on a project's board, shares a file and invites a colleague,
// who signs up with the invited address and joins through the emailed link; staff connect a data
// source and generate a report that the client reads, and edit a project's tasks and milestones
// before deleting the project.
import { test, expect } from '@playwright/test';
import { linkMailedTo, ready, signIn } from './support';

const VIEWER = { email: 'client@northwind.localhost', password: 'demo-client-pass' };
const ADMIN = { email: 'client-admin@northwind.localhost', password: 'demo-client-pass' };

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`a client viewer follows only their company's projects (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signIn(page, javaScriptEnabled, VIEWER.email, VIEWER.password, '/dashboard');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Northwind Traders — projects');
    await expect(page.getByTestId('summary-total')).toHaveText('5');
    await expect(page.getByTestId('status-chart').locator('svg').first()).toBeVisible();
    await expect(page.getByTestId('legend-active')).toContainText('Active (2)');
    const cards = page.getByTestId('project-card');
    await expect(cards).toHaveCount(5);
    await expect(page.getByText('Churn prediction')).toHaveCount(0);

    // Filter by status with the plain form.
    await page.locator('select[name=status]').selectOption('active');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/status=active/);
    await expect(cards).toHaveCount(2);
    for (const status of await cards.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))) {
      expect(status).toBe('active');
    }

    // One project, read-only for a viewer.
    await page.getByTestId('projects').getByRole('link', { name: 'Sales data lake' }).click();
    await ready(page, javaScriptEnabled);
    await expect(page.getByTestId('project-name')).toHaveText('Sales data lake');
    await expect(page.getByTestId('progress-value').first()).toHaveText(/\d+ %/);
    await expect(page.getByTestId('project-scope').getByRole('heading', { name: 'Goal' })).toBeVisible();
    await expect(page.getByTestId('task').first()).toBeVisible();
    await expect(page.getByTestId('move-task')).toHaveCount(0);
    // Its data sources, budget burn, AI integration and the weekly report already generated.
    await expect(page.getByTestId('data-source')).toHaveCount(2);
    await expect(page.getByTestId('chart-burn').locator('svg').first()).toBeVisible();
    await expect(page.getByTestId('ai-panel')).toHaveAttribute('data-enabled', 'true');
    await page.getByTestId('report-html').first().click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Weekly status');
    await expect(page.getByText('Sales data lake').first()).toBeVisible();
    await page.goBack();
    await ready(page, javaScriptEnabled);

    // A viewer still talks with the agency: a comment in Markdown, shown escaped (on a project
    // the other journeys do not move tasks on, whose live updates would reload this page).
    await page.goto('/dashboard');
    await page.getByTestId('projects').getByRole('link', { name: 'Warehouse dashboards' }).click();
    await ready(page, javaScriptEnabled);
    const note = `Could we review the **pilot** (${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()})?`;
    await page.getByLabel('Add a comment').fill(`${note} <b>not bold</b>`);
    await page.getByTestId('post-comment').click();
    await expect(page).toHaveURL(/#comments$/);
    const mine = page.getByTestId('comment').filter({ hasText: 'Could we review the pilot' }).last();
    await expect(mine.getByTestId('comment-body').locator('strong')).toHaveText('pilot');
    await expect(mine.getByTestId('comment-body')).toContainText('<b>not bold</b>');
    await expect(page.getByTestId('activity-item').first()).toContainText('commented');
    await context.close();
  });

  test(`a client admin moves a task and invites a colleague who joins (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signIn(page, javaScriptEnabled, ADMIN.email, ADMIN.password, '/dashboard');

    // Move a task that is in progress to done (each run its own project).
    await page.getByTestId('projects').getByRole('link', { name: javaScriptEnabled ? 'Sales data lake' : 'Customer 360' }).click();
    await ready(page, javaScriptEnabled);
    const doing = page.getByTestId('column-doing').getByTestId('task').first();
    const task = (await doing.getAttribute('data-task'))!;
    await doing.getByTestId('task-status').selectOption('done');
    await doing.getByTestId('move-task').click();
    await expect(page.getByTestId('column-done').locator(`[data-task="${task}"]`)).toHaveCount(1);
    await expect(page.getByTestId('column-doing').locator(`[data-task="${task}"]`)).toHaveCount(0);

    // Share a file on the project (a plain multipart form); a page pretending to be a PDF is refused.
    const fileName = `brief-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}.pdf`;
    await page.getByTestId('file-input').setInputFiles({ name: 'disguised.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script>') });
    await page.getByTestId('upload-file').click();
    await expect(page.getByTestId('file-error')).toContainText('not those of a .pdf file');
    await page.getByTestId('file-input').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await page.getByTestId('upload-file').click();
    await expect(page.getByTestId('file').filter({ hasText: fileName })).toBeVisible();
    const href = await page.getByTestId('file').filter({ hasText: fileName }).getByTestId('file-link').getAttribute('href');
    const download = await page.request.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toContain('attachment');

    // Invite a colleague.
    const invitee = `e2e-invitee-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.com`;
    await page.goto('/dashboard/people');
    await ready(page, javaScriptEnabled);
    await page.getByLabel('Their email address').fill(invitee);
    await page.getByTestId('send-invitation').click();
    await expect(page.getByTestId('people-notice')).toContainText('on its way');
    await expect(page.getByTestId('invitation').filter({ hasText: invitee })).toHaveAttribute('data-state', 'open');
    const invitation = await linkMailedTo(browser, invitee, "You are invited to Northwind Traders's projects", '/dashboard/join/');

    // The colleague signs up with that address, confirms it, and accepts the invitation.
    const colleague = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await colleague.goto('/signup');
    await ready(colleague, javaScriptEnabled);
    await colleague.getByLabel('Your name').fill('Ines Invitee');
    await colleague.getByLabel('Email').fill(invitee);
    await colleague.getByLabel('Password').fill('a perfectly long passphrase');
    await colleague.getByRole('button', { name: 'Create account' }).click();
    await expect(colleague).toHaveURL(/\/login\?check_email=1$/);
    const confirm = await linkMailedTo(browser, invitee);
    await colleague.goto(confirm);
    await ready(colleague, javaScriptEnabled);
    await colleague.getByRole('button', { name: 'Confirm my email address' }).click();
    await expect(colleague).toHaveURL(/\/account\?verified=1$/);
    await colleague.goto(new URL(invitation).pathname);
    await ready(colleague, javaScriptEnabled);
    await expect(colleague.getByRole('heading', { level: 1 })).toHaveText('Join Northwind Traders');
    await colleague.getByTestId('accept-invitation').click();
    await expect(colleague).toHaveURL(/\/dashboard\?joined=1$/);
    await expect(colleague.getByTestId('joined')).toBeVisible();
    await expect(colleague.getByTestId('project-card')).toHaveCount(5);
    await context.close();
  });
}

test('a staff member moves a task and the open page of a client updates by itself', async ({ browser }) => {
  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, true, VIEWER.email, VIEWER.password, '/dashboard');
  await viewer.getByTestId('projects').getByRole('link', { name: 'Supplier portal analytics' }).click();
  await expect(viewer.locator('body')).toHaveAttribute('data-project-live', 'true', { timeout: 15_000 });
  const task = (await viewer.getByTestId('column-doing').getByTestId('task').first().getAttribute('data-task'))!;

  const staff = await (await browser.newContext()).newPage();
  await signIn(staff, true, 'staff@daydream.localhost', 'demo-staff-pass', '/dashboard');
  await staff.goto(viewer.url());
  await ready(staff, true);
  const card = staff.locator(`[data-task="${task}"]`);
  await card.getByTestId('task-status').selectOption('done');
  await card.getByTestId('move-task').click();
  await expect(staff.getByTestId('column-done').locator(`[data-task="${task}"]`)).toHaveCount(1);

  // The viewer's page, untouched, shows the move.
  await expect(viewer.getByTestId('column-done').locator(`[data-task="${task}"]`)).toHaveCount(1);
  await expect(viewer.getByTestId('column-doing').locator(`[data-task="${task}"]`)).toHaveCount(0);
});

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`staff connect a data source and generate a report the client reads (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signIn(page, javaScriptEnabled, 'staff@daydream.localhost', 'demo-staff-pass', '/admin/projects');
    await page.getByRole('link', { name: 'Demand forecasting' }).first().click();
    await ready(page, javaScriptEnabled);

    // A data source; a count that is not a number is refused next to its field.
    const form = page.getByTestId('data-source-form');
    await form.getByLabel('Name').fill('Broken feed');
    await form.getByLabel('Records').fill('lots');
    await form.getByTestId('save-data-source').click();
    await expect(page.getByTestId('data-source-form').getByText('Type a whole number, 0 or more.')).toBeVisible();
    const name = `E2E feed ${javaScriptEnabled ? 'js' : 'nojs'} ${Date.now()}`;
    await page.getByTestId('data-source-form').getByLabel('Name').fill(name);
    await page.getByTestId('data-source-form').getByLabel('Type').selectOption('rest_api');
    await page.getByTestId('data-source-form').getByLabel('Connection').selectOption('syncing');
    await page.getByTestId('data-source-form').getByLabel('Records').fill('4200');
    await page.getByTestId('save-data-source').click();
    await expect(page.getByTestId('admin-data-source').filter({ hasText: name })).toContainText('4,200');

    // The weekly report, generated now.
    await page.getByTestId('admin-report').filter({ hasText: 'Weekly status' }).getByTestId('generate-report').click();
    await expect(page).toHaveURL(/#reports$/);

    // The client's viewer sees both on the project's page and reads the newest file.
    const viewer = await (await browser.newContext({ javaScriptEnabled })).newPage();
    await signIn(viewer, javaScriptEnabled, VIEWER.email, VIEWER.password, '/dashboard');
    await viewer.getByTestId('projects').getByRole('link', { name: 'Demand forecasting' }).click();
    await ready(viewer, javaScriptEnabled);
    await expect(viewer.getByTestId('data-source').filter({ hasText: name })).toHaveAttribute('data-status', 'syncing');
    const files = viewer.getByTestId('report').filter({ hasText: 'Weekly status' }).getByTestId('report-file');
    expect(await files.count()).toBeGreaterThanOrEqual(2);
    const csv = await files.first().getByTestId('report-csv').getAttribute('href');
    const download = await viewer.request.get(csv!);
    expect(download.status()).toBe(200);
    expect((await download.text()).split('\n')[0]).toBe('record,name,status,milestone,due_on,done_on,budget,spent,currency');
    await files.first().getByTestId('report-html').click();
    await expect(viewer.getByRole('heading', { level: 1 })).toHaveText('Weekly status');
    await context.close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`staff edit a project's tasks and milestones, then delete the project (${mode})`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signIn(page, javaScriptEnabled, 'staff@daydream.localhost', 'demo-staff-pass', '/admin/projects/new');
    const tag = javaScriptEnabled ? 'js' : 'nojs';
    const slug = `scratch-${tag}-${Date.now()}`;
    const name = `Scratch ${tag} ${Date.now()}`;
    const project = page.getByTestId('project-form');
    await project.getByLabel('Client', { exact: true }).selectOption({ label: 'Northwind Traders' });
    await project.getByLabel('Name', { exact: true }).fill(name);
    await project.getByLabel('Slug').fill(slug);
    await project.getByRole('button', { name: 'Save the project' }).click();
    await expect(page.getByTestId('notice')).toHaveText('The project is saved.');
    await ready(page, javaScriptEnabled);

    // A milestone and a task, then the task edited on its own page.
    await page.getByTestId('milestone-form').getByLabel('Milestone').fill('Kick-off');
    await page.getByTestId('add-milestone').click();
    await expect(page.getByTestId('admin-milestone')).toHaveCount(1);
    await page.getByTestId('task-form').getByLabel('Task').fill('Draft the plan');
    await page.getByTestId('task-form').getByLabel('Milestone').selectOption({ label: 'Kick-off' });
    await page.getByTestId('add-task').click();
    await page.getByTestId('admin-task').getByRole('link', { name: 'Draft the plan' }).click();
    await expect(page.getByTestId('task-title')).toHaveText('Draft the plan');
    await ready(page, javaScriptEnabled);
    const task = page.getByTestId('task-edit-form');
    await task.getByLabel('Title').fill('Draft the project plan');
    await task.getByLabel('Status').selectOption('doing');
    await task.getByLabel('Assignee').selectOption({ index: 1 });
    await task.getByLabel('Due').fill('2027-03-01');
    await task.getByRole('button', { name: 'Save the task' }).click();
    await expect(page).toHaveURL(/#tasks$/);
    const row = page.getByTestId('admin-task').filter({ hasText: 'Draft the project plan' });
    await expect(row).toContainText('2027-03-01');
    await expect(row.getByLabel('Status')).toHaveValue('doing');

    // The milestone renamed, then deleted: the task stays, without it.
    await ready(page, javaScriptEnabled);
    const milestone = page.getByTestId('admin-milestone');
    await milestone.getByLabel('Milestone name').fill('Kick-off meeting');
    await milestone.getByTestId('save-milestone').click();
    await expect(page.getByTestId('admin-milestone').getByLabel('Milestone name')).toHaveValue('Kick-off meeting');
    await expect(page.getByTestId('admin-task').filter({ hasText: 'Draft the project plan' })).toContainText('Kick-off meeting');
    await ready(page, javaScriptEnabled);
    await page.getByTestId('admin-milestone').getByTestId('delete-milestone').click();
    await expect(page.getByTestId('admin-milestone')).toHaveCount(0);
    await expect(page.getByTestId('admin-task').filter({ hasText: 'Draft the project plan' })).not.toContainText('Kick-off');

    // The project goes only with its slug typed again.
    await ready(page, javaScriptEnabled);
    const doomed = page.getByTestId('delete-project-form');
    await doomed.getByLabel("Type the project's slug to confirm").fill('not-it');
    await doomed.getByTestId('delete-project').click();
    await expect(page.getByTestId('delete-project-form')).toContainText(`Type the project's slug, ${slug}, to delete it.`);
    await ready(page, javaScriptEnabled);
    await page.getByTestId('delete-project-form').getByLabel("Type the project's slug to confirm").fill(slug);
    await page.getByTestId('delete-project-form').getByTestId('delete-project').click();
    await expect(page).toHaveURL(/\/admin\/projects\?deleted=project$/);
    await expect(page.getByTestId('notice')).toHaveText('The project is deleted.');
    await expect(page.getByTestId('admin-project-row').filter({ hasText: name })).toHaveCount(0);
    await context.close();
  });
}
