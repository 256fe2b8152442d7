/** What a file is, from its first bytes: names and declared types are the client's word, not ours. */
export interface FileType {
  mime: string;
  ext: string;
  maxBytes: number;
}

const MB = 1024 * 1024;

const signatures: Array<{ type: FileType; matches: (b: Buffer) => boolean }> = [
  { type: { mime: 'image/png', ext: 'png', maxBytes: 5 * MB }, matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: { mime: 'image/jpeg', ext: 'jpg', maxBytes: 5 * MB }, matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: { mime: 'image/gif', ext: 'gif', maxBytes: 5 * MB }, matches: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')) },
  { type: { mime: 'image/webp', ext: 'webp', maxBytes: 5 * MB }, matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { type: { mime: 'application/pdf', ext: 'pdf', maxBytes: 10 * MB }, matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
  // a short MP4 video (a shop's content): an ISO media file whose first box is `ftyp` with an MP4 brand
  { type: { mime: 'video/mp4', ext: 'mp4', maxBytes: 10 * MB }, matches: (b) => b.subarray(4, 8).toString('latin1') === 'ftyp' && /^(isom|iso[2-9]|mp4[12]|avc1|M4V |mmp4|dash)$/.test(b.subarray(8, 12).toString('latin1')) },
];

export const MAX_UPLOAD_BYTES = 10 * MB;

export function detectFileType(content: Buffer): FileType | null {
  return signatures.find((s) => s.matches(content))?.type ?? null;
}
