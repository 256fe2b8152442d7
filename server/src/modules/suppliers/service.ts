import { UniqueConstraintError } from 'sequelize';
import { hashPassword, issueToken, passwordSignIn, actorLoader, type IssuedToken } from '../../core/auth/index.js';
import { clock } from '../../core/clock.js';
import type { Actor, Ctx } from '../../core/context.js';
import { afterCommit, pageOf, withTransaction, type Page, type PageQuery } from '../../core/db/index.js';
import { notFound } from '../../core/errors.js';
import { bilingual, sendEmail } from '../../core/messaging/index.js';
import { emit } from '../../core/events.js';
import { supplierApplied, supplierStatusEvents } from './events.js';
import { supplierErrors } from './errors.js';
import type { QualificationDocument, SupplierStatus } from './model.js';
import * as repo from './repository.js';
import type { SupplierRow } from './repository.js';

type SupplierCtx = Ctx & { actor: Extract<Actor, { kind: 'supplier' }> };

export const supplierLoader = actorLoader('supplier', async (claims) => {
  const user = await repo.supplierUserForSession(claims.sub);
  if (!user || user.status !== 'active') return null;
  // a suspended supplier still signs in to read and to finish what shoppers already paid for
  const readOnly = user.supplierStatus === 'suspended' ? supplierErrors.suspendedReason() : undefined;
  return { kind: 'supplier', id: user.id, supplierId: user.supplierId, email: user.email, sessionId: claims.sid, ...(readOnly ? { readOnly } : {}) } satisfies Actor;
});

export interface SupplierView {
  id: number;
  companyName: string;
  licenseNo: string;
  contactName: string;
  contactPhone: string | null;
  status: SupplierStatus;
  rejectReason: string | null;
  documents: QualificationDocument[];
  reviewedAt: string | null;
  createdAt: string;
}

export function supplierView(s: SupplierRow): SupplierView {
  return {
    id: s.id,
    companyName: s.companyName,
    licenseNo: s.licenseNo,
    contactName: s.contactName,
    contactPhone: s.contactPhone,
    status: s.status,
    rejectReason: s.rejectReason,
    documents: s.documents,
    reviewedAt: s.reviewedAt ? s.reviewedAt.toISOString() : null,
    createdAt: s.createdAt.toISOString(),
  };
}

export interface Application {
  companyName: string;
  licenseNo: string;
  contactName: string;
  contactPhone?: string;
  email: string;
  password: string;
  documents?: QualificationDocument[];
}

export async function apply(ctx: Ctx, input: Application): Promise<{ supplier: { id: number; status: SupplierStatus }; token: string; expiresAt: string }> {
  return withTransaction(ctx, async (tx) => {
    if (await repo.licenseNoExists(tx, input.licenseNo)) throw supplierErrors.licenseTaken();
    if (await repo.findSupplierUserByEmail(tx, input.email)) throw supplierErrors.emailTaken(input.email);
    try {
      const supplier = await repo.insertSupplier(tx, {
        companyName: input.companyName,
        licenseNo: input.licenseNo,
        contactName: input.contactName,
        contactPhone: input.contactPhone ?? null,
        status: 'pending',
        rejectReason: null,
        documents: input.documents ?? [],
        reviewedAt: null,
        reviewedBy: null,
      });
      const user = await repo.insertSupplierUser(tx, {
        supplierId: supplier.id,
        email: input.email,
        name: input.contactName,
        passwordHash: await hashPassword(input.password),
        isOwner: true,
        status: 'active',
      });
      await emit(tx, supplierApplied, { supplierId: supplier.id });
      const issued = await issueToken(tx, 'supplier', user.id, null);
      return { supplier: { id: supplier.id, status: supplier.status }, token: issued.token, expiresAt: issued.expiresAt };
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw 'license_no' in (err.fields ?? {}) ? supplierErrors.licenseTaken() : supplierErrors.emailTaken(input.email);
      throw err;
    }
  });
}

export async function supplierSignIn(ctx: Ctx, email: string, password: string): Promise<IssuedToken> {
  const { token, expiresAt } = await passwordSignIn(ctx, {
    kind: 'supplier',
    tenantId: null,
    login: email,
    password,
    find: async () => {
      const u = await repo.findSupplierUserByEmail(ctx, email);
      return u ? { id: u.id, passwordHash: u.passwordHash, active: u.status === 'active' } : null;
    },
  });
  return { token, expiresAt };
}

export async function getSupplier(ctx: Ctx, id: number): Promise<SupplierRow> {
  const s = await repo.findSupplier(ctx, id);
  if (!s) throw notFound('Supplier');
  return s;
}

export async function supplierMe(ctx: SupplierCtx) {
  const s = await getSupplier(ctx, ctx.actor.supplierId);
  return { id: ctx.actor.id, email: ctx.actor.email, supplier: supplierView(s) };
}

/** The supplier's status, for modules that gate work on approval (products). */
export async function assertApproved(ctx: Ctx, supplierId: number): Promise<void> {
  const s = await getSupplier(ctx, supplierId);
  if (s.status !== 'approved') throw supplierErrors.notApproved();
}

/** For the platform's review: a suspended supplier's products do not go on the market. */
export async function assertNotSuspended(ctx: Ctx, supplierId: number): Promise<void> {
  if ((await getSupplier(ctx, supplierId)).status === 'suspended') throw supplierErrors.suspended();
}

export async function supplierStatus(ctx: Ctx, supplierId: number): Promise<SupplierStatus> {
  return (await getSupplier(ctx, supplierId)).status;
}

/** A rejected (or still pending) supplier edits its application; it goes back to review. */
export async function resubmit(ctx: SupplierCtx, changes: Partial<Pick<Application, 'companyName' | 'contactName' | 'contactPhone' | 'documents'>>): Promise<SupplierView> {
  return withTransaction(ctx, async (tx) => {
    const s = await getSupplier(tx, ctx.actor.supplierId);
    if (s.status !== 'rejected' && s.status !== 'pending') throw supplierErrors.wrongStatus(s.status, 'resubmitted');
    const written = { ...changes, status: 'pending' as const, rejectReason: null };
    await repo.updateSupplierRow(tx, s.id, written);
    await emit(tx, supplierApplied, { supplierId: s.id });
    return supplierView({ ...s, ...written });
  });
}

/** Qualification documents may be added after the application (e.g. a permit renewed). */
export async function addDocuments(ctx: SupplierCtx, documents: QualificationDocument[]): Promise<SupplierView> {
  return withTransaction(ctx, async (tx) => {
    const s = await getSupplier(tx, ctx.actor.supplierId);
    const kept = [...s.documents, ...documents].slice(-50);
    await repo.updateSupplierRow(tx, s.id, { documents: kept });
    return supplierView({ ...s, documents: kept });
  });
}

export async function listSuppliers(ctx: Ctx, q: PageQuery & { status?: SupplierStatus; q?: string }): Promise<Page<SupplierView>> {
  // licence numbers are kept upper-case: one typed in lower case is found too
  const search = q.q ? { name: q.q, licenseNo: q.q.toUpperCase() } : undefined;
  const { rows, count } = await repo.supplierPage(ctx, { status: q.status, search }, q);
  return pageOf(q, rows.map(supplierView), count);
}

async function ownerEmail(ctx: Ctx, supplierId: number): Promise<string | null> {
  return (await repo.findSupplierOwner(ctx, supplierId))?.email ?? null;
}

/** The status in the words of the email sent about it. */
const supplierStatusZh: Record<keyof typeof supplierStatusEvents, string> = { approved: '已通过审核', rejected: '未通过审核', suspended: '已暂停' };

const transitions: Record<'approve' | 'reject' | 'suspend' | 'resume', { from: SupplierStatus[]; to: keyof typeof supplierStatusEvents }> = {
  approve: { from: ['pending', 'rejected'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  suspend: { from: ['approved'], to: 'suspended' },
  resume: { from: ['suspended'], to: 'approved' },
};

export async function review(ctx: Ctx, id: number, action: keyof typeof transitions, reason?: string): Promise<SupplierView> {
  const { from, to } = transitions[action];
  return withTransaction(ctx, async (tx) => {
    const s = await getSupplier(tx, id);
    if (!from.includes(s.status)) throw supplierErrors.wrongStatus(s.status, `${action}d`);
    const written = { status: to, rejectReason: action === 'reject' ? (reason ?? null) : null, reviewedAt: clock.now(), reviewedBy: tx.actor.kind === 'platform' ? tx.actor.id : null };
    await repo.updateSupplierRow(tx, s.id, written);
    await emit(tx, supplierStatusEvents[to], { supplierId: s.id, reason: reason ?? null });
    const email = await ownerEmail(tx, s.id);
    if (email) {
      await afterCommit(tx, (after) =>
        sendEmail(after, {
          to: email,
          subject: `供应商账号${supplierStatusZh[to]} Your supplier account: ${to}`,
          text:
            action === 'reject'
              ? bilingual(`您的入驻申请未通过：${reason}\n请在供应商后台修改后重新提交。`, `Your application was not approved: ${reason}\nEdit it and resubmit from the supplier console.`)
              : bilingual(`您的供应商账号${supplierStatusZh[to]}。`, `Your supplier account is now ${to}.`),
        }),
      );
    }
    return supplierView({ ...s, ...written });
  });
}

export async function supplierUserByEmail(ctx: Ctx, email: string) {
  return repo.findActiveSupplierUserByEmail(ctx, email);
}

export async function setSupplierPasswordHash(ctx: Ctx, id: number, passwordHash: string): Promise<void> {
  await repo.updateSupplierUserRow(ctx, id, { passwordHash });
}

/** Suppliers that applied since a time, for the platform's figures. */
export function suppliersAppliedSince(ctx: Ctx, since: Date): Promise<number> {
  return repo.countSuppliersSince(ctx, since);
}
