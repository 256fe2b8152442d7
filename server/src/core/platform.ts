/**
 * What core itself brings to the module installer: its own tables, and its contributions to its
 * own extension points. Listed here, not registered by importing the files that define them.
 */
import type { ModelInit } from './db/index.js';
import { initAuditEntries } from './audit.js';
import { initAuthSessions } from './auth/sessions.js';
import type { HookContribution } from './hooks.js';
import { initIdempotencyKeys } from './idempotency.js';
import { initDomainEvents } from './event-store.js';
import { initJobs, type JobHandler } from './jobs.js';
import { initOutboundMessages } from './messaging/outbound-message.js';
import { disconnectRevokedSessions } from './realtime.js';
import { initSearchTerms } from './search.js';
import { initSteps, stepJobs } from './steps.js';

export const coreModels: readonly ModelInit[] = [initJobs, initAuditEntries, initIdempotencyKeys, initSearchTerms, initOutboundMessages, initAuthSessions, initDomainEvents, initSteps]

export const coreJobs: Readonly<Record<string, JobHandler>> = { ...stepJobs };

export const coreHooks: readonly HookContribution[] = [disconnectRevokedSessions];
