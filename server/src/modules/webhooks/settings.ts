/** The webhooks module's part of a tenant's settings (shown by the generated settings page). */
import { z } from 'zod';

const label = (zh: string, en: string) => ({ label: { zh, en } });

export const webhooksSettings = z
  .object({
    timeoutSeconds: z.number().int().min(1).max(30).default(10).meta(label('推送超时 (秒)', 'Delivery timeout (seconds)')),
  })
  .meta(label('消息推送', 'Webhooks'));

export type WebhooksSettings = z.output<typeof webhooksSettings>;
