import { randomUUID } from 'node:crypto';
import {
  ACCOUNTS_TOPIC,
  type BrandSignUp,
  type InfluencerSignUp,
  type PersonInvitation,
  type PlanName,
  type SignInLinkRequested,
  type TeammateInvited,
} from '@campaign/contracts';
import { sealLink } from '@campaign/service-runtime';
import { Prisma } from '../generated/prisma/client';
import { lockSubjects, storeOutgoingEvents } from '../db/campaign-event-outbox';
import type { InfluencerProfileStore } from '../db/influencer-profile-store';
import type { CampaignDb } from '../db/prisma-client';
import { accountLabel, principalOf, type AccountRow } from './account-identity';
import {
  MAILS_PER_ADDRESS,
  MAIL_WINDOW_MS,
  SIGN_IN_CODE_LIFETIME_MS,
  hashSignInCode,
  newSignInCode,
  signInLink,
} from './sign-in-codes';

type Tx = Prisma.TransactionClient;
type AccountOfAddress = AccountRow & { brandName: string | null };
type MailReason = SignInLinkRequested['payload']['reason'];

export type AccountStore = ReturnType<typeof createAccountStore>;

/**
 * The one place that writes accounts and their sign-in codes. Every mail a person is owed (a
 * sign-in link, a welcome, an invitation) is an event stored in the transaction that writes the
 * code's hash (the campaign outbox, topic `accounts.v1`); the notifications service renders and
 * sends it. The link travels sealed (see `sealLink`): what is stored or sent in clear opens
 * nothing. Everything about one address runs under that address's lock, so two sign-ups of one
 * address make one account, and the per-address mail limit counts every mail.
 */
export function createAccountStore(
  db: CampaignDb,
  deps: { authSecret: string; webAppUrl: string; profiles: InfluencerProfileStore },
) {
  async function lockAddress(tx: Tx, email: string): Promise<void> {
    await lockSubjects(tx, [`address:${email.toLowerCase()}`]);
  }

  function accountsOf(tx: Tx, email: string): Promise<AccountOfAddress[]> {
    return tx.$queryRaw<AccountOfAddress[]>`
      SELECT a.id, a.role, a.brand_id AS "brandId", a.name, a.email, b.name AS "brandName"
      FROM accounts a LEFT JOIN brands b ON b.id = a.brand_id
      WHERE lower(a.email) = lower(${email})
      ORDER BY a.created_at, a.id`;
  }

  /** Whether the address may get one more mail now (`MAILS_PER_ADDRESS` per window). */
  async function mayMail(tx: Tx, email: string): Promise<boolean> {
    const [row] = await tx.$queryRaw<{ mails: number }[]>`
      SELECT count(DISTINCT c.mail_id)::int AS mails
      FROM sign_in_codes c JOIN accounts a ON a.id = c.account_id
      WHERE lower(a.email) = lower(${email})
        AND c.created_at > ${new Date(Date.now() - MAIL_WINDOW_MS)}`;
    return (row?.mails ?? 0) < MAILS_PER_ADDRESS;
  }

  /** A fresh code for each account, its hash stored, its link sealed for that account. */
  async function sealedLinks(tx: Tx, mailId: string, accounts: AccountOfAddress[]) {
    const now = new Date();
    const links = accounts.map((account) => {
      const code = newSignInCode();
      const principal = principalOf(account);
      return {
        row: {
          codeHash: hashSignInCode(code) as Uint8Array<ArrayBuffer>,
          accountId: account.id,
          mailId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + SIGN_IN_CODE_LIFETIME_MS),
        },
        link: {
          principal,
          label: accountLabel(account),
          sealedLink: sealLink(deps.authSecret, principal, signInLink(deps.webAppUrl, code)),
        },
      };
    });
    await tx.signInCode.createMany({ data: links.map(({ row }) => row) });
    return links.map(({ link }) => link);
  }

  /** One mail to the address with a link per account, in the transaction that made the codes. */
  async function mailLinks(
    tx: Tx,
    email: string,
    reason: MailReason,
    accounts: AccountOfAddress[],
    teamOf?: string,
  ): Promise<void> {
    const id = randomUUID();
    const event: SignInLinkRequested = {
      id,
      type: 'SignInLinkRequested',
      version: 1,
      occurredAt: new Date().toISOString(),
      subject: accounts[0]!.id,
      payload: {
        email,
        reason,
        links: await sealedLinks(tx, id, accounts),
        ...(teamOf ? { teamOf } : {}),
      },
    };
    await storeOutgoingEvents(tx, ACCOUNTS_TOPIC, [event]);
  }

  /**
   * An address that already has an account of this kind is told so, with its links (within the
   * mail limit); the caller answers the same either way.
   */
  async function alreadyRegistered(tx: Tx, email: string, accounts: AccountOfAddress[]) {
    if (await mayMail(tx, email)) await mailLinks(tx, email, 'already_registered', accounts);
  }

  return {
    /** A brand and its first user, on Starter; the user is mailed a link. */
    signUpBrand(signUp: BrandSignUp): Promise<void> {
      return db.$transaction(async (tx) => {
        await lockAddress(tx, signUp.email);
        const existing = await accountsOf(tx, signUp.email);
        if (existing.some((account) => account.role === 'brand')) {
          return alreadyRegistered(tx, signUp.email, existing);
        }
        const brandId = randomUUID();
        await tx.brand.create({ data: { id: brandId, name: signUp.brandName, plan: 'starter' } });
        const account = await tx.account.create({
          data: {
            id: randomUUID(),
            role: 'brand',
            brandId,
            name: signUp.name,
            email: signUp.email,
          },
        });
        await mailLinks(
          tx,
          signUp.email,
          'signed_up',
          [{ ...account, brandName: signUp.brandName }],
          brandId,
        );
      });
    },

    /**
     * An influencer's account and the start of their profile (announced as every profile change
     * is); 'handle-taken' when another influencer has the handle (handles are public).
     */
    async signUpInfluencer(signUp: InfluencerSignUp): Promise<'handle-taken' | void> {
      try {
        return await db.$transaction(async (tx) => {
          await lockAddress(tx, signUp.email);
          const existing = await accountsOf(tx, signUp.email);
          if (existing.some((account) => account.role === 'influencer')) {
            return alreadyRegistered(tx, signUp.email, existing);
          }
          const taken = await tx.influencerProfile.findUnique({
            where: { handle: signUp.handle },
            select: { id: true },
          });
          if (taken) return 'handle-taken' as const;
          const account = await tx.account.create({
            data: {
              id: randomUUID(),
              role: 'influencer',
              name: signUp.displayName,
              email: signUp.email,
            },
          });
          await deps.profiles.startAtSignUp(tx, account.id, signUp);
          await mailLinks(tx, signUp.email, 'signed_up', [{ ...account, brandName: null }]);
        });
      } catch (error) {
        // Two sign-ups raced for one handle: the loser's transaction broke the unique index.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          return 'handle-taken';
        }
        throw error;
      }
    },

    /** One mail with a link per account of the address; nothing for an unknown one. */
    requestSignIn(email: string): Promise<'sent' | 'no-account' | 'limited'> {
      return db.$transaction(async (tx) => {
        await lockAddress(tx, email);
        const accounts = await accountsOf(tx, email);
        if (accounts.length === 0) return 'no-account';
        if (!(await mayMail(tx, email))) return 'limited';
        await mailLinks(tx, email, 'sign_in', accounts);
        return 'sent';
      });
    },

    /**
     * The account a code signs in, once: a used, expired or unknown code gives null. The first
     * sign-in marks the account joined.
     */
    exchange(code: string): Promise<AccountRow | null> {
      const codeHash = hashSignInCode(code) as Uint8Array<ArrayBuffer>;
      return db.$transaction(async (tx) => {
        const now = new Date();
        const used = await tx.signInCode.updateMany({
          where: { codeHash, usedAt: null, expiresAt: { gt: now } },
          data: { usedAt: now },
        });
        if (used.count === 0) return null;
        const { account } = await tx.signInCode.findUniqueOrThrow({
          where: { codeHash },
          select: { account: true },
        });
        if (!account.joinedAt) {
          await tx.account.update({ where: { id: account.id }, data: { joinedAt: now } });
        }
        return account;
      });
    },

    /** The account of a session, if it is one (tokens of the dev scripts have none). */
    find(accountId: string) {
      return db.account.findUnique({ where: { id: accountId }, include: { brand: true } });
    },

    team(brandId: string) {
      return db.account.findMany({
        where: { brandId, role: 'brand' },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      });
    },

    /** A new user of the brand, mailed a link; refused for an address already on the team. */
    invite(
      brandId: string,
      inviterId: string,
      invitation: PersonInvitation,
    ): Promise<(AccountRow & { joinedAt: Date | null }) | 'no-brand' | 'on-the-team'> {
      return db.$transaction(async (tx) => {
        await lockAddress(tx, invitation.email);
        const brand = await tx.brand.findUnique({ where: { id: brandId } });
        if (!brand) return 'no-brand';
        const existing = await accountsOf(tx, invitation.email);
        if (existing.some((account) => account.brandId === brandId)) return 'on-the-team';
        const inviter = await tx.account.findUnique({ where: { id: inviterId } });
        const account = await tx.account.create({
          data: {
            id: randomUUID(),
            role: 'brand',
            brandId,
            name: invitation.name,
            email: invitation.email,
          },
        });
        const id = randomUUID();
        const [link] = await sealedLinks(tx, id, [{ ...account, brandName: brand.name }]);
        const event: TeammateInvited = {
          id,
          type: 'TeammateInvited',
          version: 1,
          occurredAt: new Date().toISOString(),
          subject: account.id,
          payload: {
            email: invitation.email,
            brandId,
            brandName: brand.name,
            invitedBy: inviter?.brandId === brandId ? inviter.name : 'A teammate',
            link: link!,
          },
        };
        await storeOutgoingEvents(tx, ACCOUNTS_TOPIC, [event]);
        return account;
      });
    },

    /**
     * An ops account, mailed a link; 'exists' when the address has one. With `id`, the account
     * has that id (the dev seed's and the stack's first ops account), and an existing one is kept.
     */
    createOps(person: PersonInvitation, id: string = randomUUID()) {
      return db.$transaction(async (tx) => {
        await lockAddress(tx, person.email);
        const existing = await accountsOf(tx, person.email);
        const ops = existing.find((account) => account.role === 'ops');
        if (ops) return { exists: true as const, account: ops };
        if (await tx.account.findUnique({ where: { id } })) {
          return { exists: true as const, account: null };
        }
        const account = await tx.account.create({
          data: { id, role: 'ops', name: person.name, email: person.email },
        });
        await mailLinks(tx, person.email, 'ops_account', [{ ...account, brandName: null }]);
        return { exists: false as const, account };
      });
    },

    /**
     * A brand and its user with the ids given, kept if they exist (the dev seed, whose demo
     * brands and tokens keep their ids): created as a sign-up creates them, the user mailed a
     * link, so the address book learns where the brand's mail goes as it does for any sign-up.
     */
    ensureBrandUser(seed: {
      brandId: string;
      brandName: string;
      plan: PlanName;
      userId: string;
      name: string;
      email: string;
    }): Promise<void> {
      return db.$transaction(async (tx) => {
        await lockAddress(tx, seed.email);
        await tx.brand.upsert({
          where: { id: seed.brandId },
          create: { id: seed.brandId, name: seed.brandName, plan: seed.plan },
          update: { name: seed.brandName, plan: seed.plan },
        });
        if (await tx.account.findUnique({ where: { id: seed.userId } })) return;
        const account = await tx.account.create({
          data: {
            id: seed.userId,
            role: 'brand',
            brandId: seed.brandId,
            name: seed.name,
            email: seed.email,
          },
        });
        await mailLinks(
          tx,
          seed.email,
          'signed_up',
          [{ ...account, brandName: seed.brandName }],
          seed.brandId,
        );
      });
    },

    /**
     * Accounts for influencers whose profiles came from elsewhere (the dev seed's demo
     * influencers), with no mail: they sign in by asking for a link. Existing ones are kept.
     */
    async importInfluencerAccounts(people: { id: string; name: string; email: string }[]) {
      await db.account.createMany({
        data: people.map((person) => ({ ...person, role: 'influencer' })),
        skipDuplicates: true,
      });
    },

    /** Every brand with its plan and how many users it has, newest first. */
    async brands(limit: number) {
      const rows = await db.brand.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: limit,
        include: { _count: { select: { accounts: true } } },
      });
      return rows.map(({ _count, ...brand }) => ({ ...brand, userCount: _count.accounts }));
    },

    /** Sets a brand's plan and audits it (who, when, from → to, why), in one transaction. */
    changePlan(brandId: string, plan: PlanName, reason: string, actor: string) {
      return db.$transaction(async (tx) => {
        const [brand] = await tx.$queryRaw<{ plan: PlanName }[]>`
          SELECT plan::text AS plan FROM brands WHERE id = ${brandId} FOR UPDATE`;
        if (!brand) return null;
        await tx.planChange.create({
          data: {
            id: randomUUID(),
            brandId,
            actor,
            fromPlan: brand.plan,
            toPlan: plan,
            reason,
            at: new Date(),
          },
        });
        const saved = await tx.brand.update({
          where: { id: brandId },
          data: { plan },
          include: { _count: { select: { accounts: true } } },
        });
        const { _count, ...rest } = saved;
        return { ...rest, userCount: _count.accounts };
      });
    },

    /** A brand's plan changes, newest first; null for an unknown brand. */
    async planChanges(brandId: string) {
      const brand = await db.brand.findUnique({ where: { id: brandId }, select: { id: true } });
      if (!brand) return null;
      return db.planChange.findMany({
        where: { brandId },
        orderBy: [{ at: 'desc' }, { id: 'asc' }],
        take: 500,
      });
    },
  };
}
