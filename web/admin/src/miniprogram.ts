/**
 * The shop's mini-program as the 小程序 page shows it: where its newest version stands on the way
 * 已授权 -> 提交审核 -> 审核中 -> 审核通过 -> 已发布 (the steps Youzan's 小程序发布 page shows), what the
 * merchant may do next, and the page's data kept fresh while WeChat decides.
 */
import { computed, onBeforeUnmount, ref, watch } from 'vue';
import { t } from '../../shared/i18n';
import { tagged } from '../../shared/labels';
import { api, isApiError } from './api';
import type { MiniProgramSubmission, MiniProgramView, SubmissionStatus } from './types';

export const submissionStatus = tagged<SubmissionStatus>('miniprogram.status', {
  committed: 'info',
  auditing: 'primary',
  delayed: 'warning',
  approved: 'success',
  rejected: 'danger',
  withdrawn: 'info',
  released: 'success',
  failed: 'danger',
});

type StepState = 'wait' | 'process' | 'finish' | 'error' | 'success';
export interface PublishStep {
  key: 'authorized' | 'submit' | 'auditing' | 'approved' | 'released';
  title: string;
  state: StepState;
}

/** Where a submission's status puts the merchant: the step in hand, and how it stands there. */
function stageOf(latest: MiniProgramSubmission | undefined): { at: number; state: StepState; title?: string } {
  switch (latest?.status) {
    case undefined:
    case 'withdrawn':
    case 'committed':
      return { at: 1, state: 'process' };
    case 'failed':
      return { at: 1, state: 'error', title: t('miniprogram.steps.failed') };
    case 'auditing':
      return { at: 2, state: 'process' };
    case 'delayed':
      return { at: 2, state: 'process', title: t('miniprogram.steps.delayed') };
    case 'rejected':
      return { at: 2, state: 'error', title: t('miniprogram.steps.rejected') };
    case 'approved':
      return { at: 4, state: 'process' };
    case 'released':
      return { at: 5, state: 'success' };
  }
}

const STEP_KEYS: PublishStep['key'][] = ['authorized', 'submit', 'auditing', 'approved', 'released'];

/** The five steps, each with its state, for the newest submission (a revoked authorization stops at the first). */
export function publishSteps(view: MiniProgramView): PublishStep[] {
  const revoked = view.authorizer?.revoked ?? false;
  const stage = revoked ? { at: 0, state: 'error' as const, title: t('miniprogram.card.revoked') } : stageOf(view.submissions[0]);
  return STEP_KEYS.map((key, i) => ({
    key,
    title: i === stage.at && stage.title ? stage.title : t(`miniprogram.steps.${key}`),
    state: i < stage.at ? 'success' : i === stage.at ? stage.state : 'wait',
  }));
}

/** WeChat's own words for a refusal or failure, as written, its `<br>` line breaks as lines (never as HTML). */
export const reasonText = (reason: string | null): string => (reason ?? '').replace(/<br\s*\/?>/gi, '\n').trim();

/** Statuses WeChat has yet to decide on (or, approved with automatic release on, the release to come). */
export function awaitingWechat(view: MiniProgramView): boolean {
  const status = view.submissions[0]?.status;
  return status === 'committed' || status === 'auditing' || status === 'delayed' || (status === 'approved' && view.autoRelease);
}

/** How often the page asks again while WeChat decides: the sandbox answers in seconds, WeChat in days. */
export const POLL_MS = 3_000;

/**
 * `GET /admin/miniprogram` in `view`, read again every few seconds while an audit is open (and the
 * tab shows), so the result WeChat pushes to the server appears without a reload.
 */
export function useMiniProgram() {
  const view = ref<MiniProgramView | null>(null);
  const error = ref<unknown>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function load(): Promise<void> {
    try {
      view.value = await api.get<MiniProgramView>('/admin/miniprogram');
      error.value = null;
    } catch (err) {
      error.value = err;
      // refused outright (the permission was taken away meanwhile): what was shown is no longer this person's to see
      if (isApiError(err) && (err.status === 401 || err.status === 403)) view.value = null;
    }
  }

  function schedule(): void {
    clearTimeout(timer);
    if (stopped || !view.value || !awaitingWechat(view.value)) return;
    timer = setTimeout(async () => {
      if (document.visibilityState === 'visible') await load();
      schedule();
    }, POLL_MS);
  }

  const watching = computed(() => !!view.value && awaitingWechat(view.value));
  watch(watching, schedule);
  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
  });

  /** Takes a reply that already holds the whole view (settings), or reads it again. */
  async function refresh(next?: MiniProgramView): Promise<void> {
    if (next) view.value = next;
    else await load();
    schedule();
  }

  return { view, error, watching, refresh };
}
