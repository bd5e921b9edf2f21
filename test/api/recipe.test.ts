/** The community article's recipe, end to end, through the client (DESIGN.md "The job"). */
import {afterAll, beforeAll, expect, it} from 'vitest';
import {FlexeraClient} from '../../source/api/client.js';
import {ApiError} from '../../source/api/errors.js';
import {sameRef, serviceAccountRef} from '../../source/api/refs.js';
import {verifyClientCredentials} from '../../source/api/verify.js';
import {clientFor, endpointsOf, start, type Emu} from './support.js';

let emu: Emu;

beforeAll(async () => {
  emu = await start();
});

afterAll(async () => {
  await emu?.close();
});

it('exchanges, creates an account, grants iam_admin, mints a client and lists users as the account', async () => {
  const admin = clientFor(emu);
  try {
    // Exchange the refresh token; find the org.
    const identity = await admin.identity();
    if (identity.kind !== 'user') throw new Error(`expected a user token, got ${identity.kind}`);
    const [org] = await admin.listUserOrgs(identity.userId);
    const orgId = org!.id;
    expect(orgId).toBe(1105);

    // Create the service account (201 + Location); the article's next id is 2263.
    const sa = await admin.createServiceAccount(orgId, {
      name: 'my application',
      description: 'Reads data from Flexera One APIs',
    });
    expect(sa).toMatchObject({
      id: emu.seed.nextServiceAccountId,
      name: 'my application',
      kind: 'iam#service-account',
      ref: `iam#service-account:${emu.seed.nextServiceAccountId}`,
      createdBy: identity.userId,
    });

    // Mint a client and exchange its credentials.
    const {client: minted, clientSecret} = await admin.createClient(orgId, sa.id);
    const asAccount = new FlexeraClient({
      endpoints: endpointsOf(emu),
      credentials: {grant: 'client_credentials', clientId: minted.clientId, clientSecret},
      env: {},
    });
    try {
      expect(await asAccount.identity()).toMatchObject({
        kind: 'service-account',
        serviceAccountId: sa.id,
      });
      // Without a role the account may not list users.
      const refused = await asAccount.listOrgUsers(orgId).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ApiError);
      expect((refused as ApiError).status).toBe(403);

      // Grant iam_admin; role changes apply at once, even to tokens already issued (DEV-AUTHZ).
      await admin.grantRole(orgId, {
        role: {name: 'iam_admin'},
        subjectRef: serviceAccountRef(sa.id),
      });
      const rules = await admin.listAccessRules(orgId, {subjectRef: serviceAccountRef(sa.id)});
      expect(rules.map((r) => r.role.name)).toEqual(['iam_admin']);
      expect(sameRef(rules[0]!.subject.ref, `iam#service-account:${sa.id}`)).toBe(true);

      const users = await asAccount.listOrgUsers(orgId);
      expect(users).toHaveLength(emu.seed.primaryOrgUserCount);
    } finally {
      await asAccount.close();
    }

    const verified = await verifyClientCredentials(
      endpointsOf(emu),
      minted.clientId,
      clientSecret,
      {
        orgId,
        call: 'users',
        env: {},
      },
    );
    expect(verified).toMatchObject({
      ok: true,
      identity: {kind: 'service-account', serviceAccountId: sa.id},
    });
    expect(verified.steps.map((s) => s.ok)).toEqual([true, true]);
  } finally {
    await admin.close();
  }
});
