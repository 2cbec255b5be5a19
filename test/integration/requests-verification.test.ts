import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { requestMail } from '../../collector/db/schema.ts';
import { sendDueMail, defaultMailOptions } from '../../collector/requests/mailer.ts';
import { signAccountToken } from '../../collector/services/account-token.ts';
import nodemailer from 'nodemailer';
import { databaseKinds } from '../helpers/databases.ts';
import { newDeviceId, siteSecret, testConfig } from '../helpers/fixtures.ts';
import {
  codeIn, days, intakeBody, latestCode, mailOf, manualClock, minutes, newEmail, startRequests, type RequestsHarness,
} from '../helpers/requests.ts';

const start = '2026-03-02T17:00:00Z';
const declaration = { signedName: 'Pat Doe', underPenaltyOfPerjury: true };
const agent = {
  name: 'Careful Agents LLC', email: 'agent@agents.test',
  permission: { signedBy: 'Pat Doe', signedOn: '2026-02-20', document: 'I, Pat Doe, authorise Careful Agents LLC to make privacy requests for me.' },
};

for (const kind of databaseKinds) {
  describe(`verification on ${kind}`, () => {
    let h: RequestsHarness;
    const time = manualClock(start);
    before(async () => { h = await startRequests(kind, { clock: time.clock }); });
    after(() => h.close());

    const submit = async (overrides: Record<string, unknown>) => {
      const answer = await h.api.post('/v1/requests', intakeBody(overrides));
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body as { id: string; status: string; statusUrl: string };
    };
    const verify = (id: string, body: unknown) => h.api.post(`/v1/requests/${id}/verify`, body);

    test('a GDPR access request is verified by the mailed code alone and moves on', async () => {
      const request = await submit({ type: 'access', jurisdiction: 'gdpr' });
      const answer = await verify(request.id, { code: await latestCode(h.admin, request.id) });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.status, 'in_progress');
      assert.deepEqual(answer.body.verified, ['email']);
      const again = await verify(request.id, { code: '000000' });
      assert.equal(again.status, 409, 'nothing left to verify');
    });

    test('know-categories needs two data points: after the code a person matches the second', async () => {
      const request = await submit({ type: 'know-categories' });
      const answer = await verify(request.id, { code: await latestCode(h.admin, request.id), dataPoints: { postalCode: '94110' } });
      assert.equal(answer.body.status, 'verifying');
      assert.match(answer.body.waitingFor, /matches the details/);
      const detail = await h.admin.get(`/v1/admin/requests/${request.id}`);
      assert.equal(detail.body.waitingFor, 'staff-verification');
      assert.deepEqual(detail.body.contact.dataPoints, { postalCode: '94110' });
      const approved = await h.admin.post(`/v1/admin/requests/${request.id}/approve`, { reason: 'postal code matches the order history' });
      assert.equal(approved.status, 200);
      assert.equal(approved.body.status, 'in_progress');
    });

    test('know-specific needs the signed declaration before a code is spent', async () => {
      const request = await submit({ type: 'know-specific' });
      const code = await latestCode(h.admin, request.id);
      const missing = await verify(request.id, { code });
      assert.equal(missing.status, 400);
      assert.ok(missing.body.issues[0].startsWith('declaration:'));
      const declared = await verify(request.id, { code, declaration });
      assert.equal(declared.status, 200, 'the code was not spent by the refused call');
      assert.equal(declared.body.status, 'verifying', 'three data points: a person matches the other two');
    });

    test('wrong codes count, and after the limit even the right code is refused', async () => {
      const request = await submit({ type: 'delete' });
      const code = await latestCode(h.admin, request.id);
      const wrong = code === '123456' ? '654321' : '123456';
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const answer = await verify(request.id, { code: wrong });
        assert.equal(answer.status, 400);
        assert.ok(answer.body.issues[0].startsWith('code:'));
      }
      const locked = await verify(request.id, { code });
      assert.equal(locked.status, 429);
      time.advance(61_000);
      assert.equal((await verify(request.id, { resend: true })).status, 200);
      const fresh = await verify(request.id, { code: await latestCode(h.admin, request.id) });
      assert.equal(fresh.body.status, 'verifying', 'a deletion needs a second data point by default');
    });

    test('parallel guesses cannot exceed the attempt limit', async () => {
      const request = await submit({ type: 'delete' });
      const code = await latestCode(h.admin, request.id);
      const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
      const answers = await Promise.all(guesses.map((guess) => verify(request.id, { code: guess })));
      assert.equal(answers.filter((answer) => answer.status === 400).length, 5);
      assert.equal(answers.filter((answer) => answer.status === 429).length, 7);
    });

    test('codes expire; a resend waits out the cool-down and replaces the old code', async () => {
      const request = await submit({ type: 'access', jurisdiction: 'gdpr' });
      const first = await latestCode(h.admin, request.id);
      assert.equal((await verify(request.id, { resend: true })).status, 429, 'cool-down');
      time.advance(31 * minutes);
      const expired = await verify(request.id, { code: first });
      assert.equal(expired.status, 400);
      assert.match(expired.body.error, /expired/);
      assert.equal((await verify(request.id, { resend: true })).status, 200);
      const second = await latestCode(h.admin, request.id);
      const mail = await mailOf(h.admin, request.id);
      assert.equal(mail[0]!.template, 'code');
      if (second !== first) assert.equal((await verify(request.id, { code: first })).status, 400, 'the old code is gone');
      assert.equal((await verify(request.id, { code: second })).body.status, 'in_progress');
    });

    test('resends stop after the allowed number of codes', async () => {
      const request = await submit({ type: 'erasure', jurisdiction: 'gdpr' });
      for (let sent = 2; sent <= 5; sent += 1) {
        time.advance(61_000);
        assert.equal((await verify(request.id, { resend: true })).status, 200);
      }
      time.advance(61_000);
      assert.equal((await verify(request.id, { resend: true })).status, 429);
    });

    test('a signed-in account verifies every level, but only for its own address', async () => {
      const email = newEmail();
      const exp = Math.floor(time.clock().getTime() / 1000) + 600;
      const request = await submit({ type: 'know-specific', email });
      const stranger = signAccountToken(siteSecret, { account: 'acct-other', exp, email: newEmail() });
      assert.equal((await verify(request.id, { accountToken: stranger })).status, 403);
      const expired = signAccountToken(siteSecret, { account: 'acct-1', exp: exp - 1200, email });
      assert.equal((await verify(request.id, { accountToken: expired })).status, 401);
      const forged = signAccountToken('another-secret-0123456789abcdef0123456789', { account: 'acct-1', exp, email });
      assert.equal((await verify(request.id, { accountToken: forged })).status, 401);
      const own = signAccountToken(siteSecret, { account: 'acct-1', exp, email: email.toUpperCase() });
      const answer = await verify(request.id, { accountToken: own });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.status, 'in_progress');
      assert.deepEqual(answer.body.verified, ['account']);
    });

    test('an account token without an email claim works when the account was linked to the address', async () => {
      const email = newEmail();
      const exp = Math.floor(time.clock().getTime() / 1000) + 600;
      const linked = await h.api.post('/v1/identify', { site: 'shop', deviceId: newDeviceId(), token: signAccountToken(siteSecret, { account: 'acct-linked', exp, email }) });
      assert.equal(linked.status, 200);
      const request = await submit({ type: 'delete', email });
      const answer = await verify(request.id, { accountToken: signAccountToken(siteSecret, { account: 'acct-linked', exp }) });
      assert.equal(answer.body.status, 'in_progress');
    });

    test('an agent request: the consumer confirms directly, then a person checks the signed permission', async () => {
      const email = newEmail();
      const request = await submit({ type: 'delete', email, agent });
      const [mail] = await mailOf(h.admin, request.id);
      assert.equal(mail!.to, email.toLowerCase(), 'the code goes to the consumer, never to the agent');
      assert.match(mail!.text!, /Careful Agents LLC says they are your authorized agent/);
      const answer = await verify(request.id, { code: codeIn(mail!.text), dataPoints: { phone: '+1 415 555 0100' } });
      assert.equal(answer.body.status, 'verifying');
      assert.match(answer.body.waitingFor, /signed permission/);
      const detail = await h.admin.get(`/v1/admin/requests/${request.id}`);
      assert.equal(detail.body.channel, 'agent');
      assert.equal(detail.body.contact.agent.permission.signedBy, 'Pat Doe');
      const approved = await h.admin.post(`/v1/admin/requests/${request.id}/approve`, { reason: 'permission signed by the consumer; phone matches' });
      assert.equal(approved.body.status, 'in_progress');
      const completed = await h.admin.post(`/v1/admin/requests/${request.id}/complete`, { outcome: 'complied', summary: 'Deleted from the shop database and the mailing list.' });
      assert.equal(completed.body.status, 'completed');
    });

    test('an agent the consumer denies is refused with its basis', async () => {
      const request = await submit({ type: 'know-categories', agent });
      const denied = await h.admin.post(`/v1/admin/requests/${request.id}/deny`, { basis: 'agent-not-authorized', explanation: 'The consumer did not confirm the request.' });
      assert.equal(denied.body.status, 'denied');
      const [mail] = await mailOf(h.admin, request.id);
      assert.equal(mail!.template, 'denied');
      time.advance(1 * days);
    });
  });
}

describe('verification mail through a real SMTP server', () => {
  const received: { to: string; text: string }[] = [];
  let smtp: SMTPServer;
  let h: RequestsHarness;
  before(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address).join(','), text: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    h = await startRequests('pglite', { config: testConfig({ requests: { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Privacy <privacy@shop.test>' } }) });
  });
  after(async () => {
    await h.close();
    await new Promise<void>((resolve) => smtp.close(resolve));
  });

  test('the code is read from the delivered message, and the sent mail is wiped', async () => {
    const email = newEmail('smtp');
    const answer = await h.api.post('/v1/requests', intakeBody({ type: 'access', jurisdiction: 'gdpr', email }));
    assert.equal(answer.status, 201);
    const [queued] = await h.collector.deps.db.select().from(requestMail).where(eq(requestMail.requestId, answer.body.id));
    assert.equal(queued!.status, 'pending', 'intake only queues the mail');
    const { port } = smtp.server.address() as AddressInfo;
    const transport = nodemailer.createTransport(`smtp://127.0.0.1:${port}`);
    assert.equal(await sendDueMail(h.collector.deps, transport, defaultMailOptions), 1);
    transport.close();
    const message = received.find((mail) => mail.to === email.toLowerCase());
    assert.ok(message, 'delivered to the consumer');
    const verified = await h.api.post(`/v1/requests/${answer.body.id}/verify`, { code: codeIn(message.text) });
    assert.equal(verified.body.status, 'in_progress');
    const [sent] = await h.collector.deps.db.select().from(requestMail).where(eq(requestMail.requestId, answer.body.id));
    assert.equal(sent!.status, 'sent');
    assert.equal(sent!.recipient, null);
    assert.equal(sent!.body, null);
  });
});
