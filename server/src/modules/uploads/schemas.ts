import { z } from 'zod';

// ---- replies: what each route answers (checked against every reply in tests) ----

export const uploadedFileSchema = z.object({ url: z.string(), mime: z.string(), size: z.number() });
