import { createHash } from 'node:crypto';
import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { clock } from '../../core/clock.js';
import type { Ctx } from '../../core/context.js';
import { inTx, idColumn } from '../../core/db/index.js';
import { AppError } from '../../core/errors.js';
import { storage } from '../../core/storage.js';
import { detectFileType } from './file-types.js';

export class Upload extends Model<InferAttributes<Upload>, InferCreationAttributes<Upload>> {
  declare id: CreationOptional<number>;
  declare uploaderKind: string;
  declare uploaderId: number;
  declare tenantId: number | null;
  declare storage: string;
  declare storageKey: string;
  declare url: string;
  declare mime: string;
  declare size: number;
  declare originalName: string | null;
  declare createdAt: CreationOptional<Date>;
}

/** Runs when the database opens (listed in the module declaration). */
export function initUploads(sequelize: Sequelize): void {
  Upload.init(
    {
      id: idColumn(),
      uploaderKind: { type: DataTypes.STRING(16), allowNull: false },
      uploaderId: { type: DataTypes.INTEGER, allowNull: false },
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      storage: { type: DataTypes.STRING(8), allowNull: false },
      storageKey: { type: DataTypes.STRING(255), allowNull: false },
      url: { type: DataTypes.STRING(512), allowNull: false },
      mime: { type: DataTypes.STRING(64), allowNull: false },
      size: { type: DataTypes.INTEGER, allowNull: false },
      originalName: { type: DataTypes.STRING(255), allowNull: true },
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'uploads', updatedAt: false },
  );
}

export interface UploadedFile {
  url: string;
  mime: string;
  size: number;
}

/** Stores a file whose type is proven by its bytes; the same bytes twice make one stored object. */
export async function storeUpload(ctx: Ctx, file: { buffer: Buffer; originalname?: string }): Promise<UploadedFile> {
  const type = detectFileType(file.buffer);
  if (!type) throw new AppError(415, 'unsupported_media_type', 'Only PNG, JPEG, GIF, WebP images and PDF documents can be uploaded', [{ field: 'file', message: 'unsupported file type' }]);
  if (file.buffer.length > type.maxBytes) throw new AppError(413, 'payload_too_large', `A ${type.ext} file may be ${type.maxBytes / 1048576} MB at most`, [{ field: 'file', message: 'too large' }]);
  const digest = createHash('sha256').update(file.buffer).digest('hex');
  const now = clock.now();
  const key = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${digest.slice(0, 40)}.${type.ext}`;
  const existing = await Upload.findOne({ where: { storageKey: key }, ...inTx(ctx) });
  const url = existing?.url ?? (await storage().put(key, file.buffer, type.mime));
  if (!existing) {
    const actor = ctx.actor as { kind: string; id?: number };
    await Upload.create(
      { uploaderKind: actor.kind, uploaderId: actor.id ?? 0, tenantId: ctx.tenantId, storage: storage().kind, storageKey: key, url, mime: type.mime, size: file.buffer.length, originalName: file.originalname?.slice(0, 255) ?? null },
      inTx(ctx),
    ).catch((err: Error) => {
      if (err.name !== 'SequelizeUniqueConstraintError') throw err;
    });
  }
  return { url, mime: type.mime, size: file.buffer.length };
}
