import { DataTypes, Model, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import type { BuiltinRoles } from '../../core/permissions.js';
import { jsonColumn, TenantModel, idColumn, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type AccountStatus = 'active' | 'disabled';

export type PlatformRoleCode = 'administrator' | BuiltinRoles['platform'];

export class PlatformRole extends Model<InferAttributes<PlatformRole>, InferCreationAttributes<PlatformRole>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare code: PlatformRoleCode | null;
  /** A custom role's permissions; built-in roles take theirs from the catalogue (platform-roles.ts). */
  declare permissions: string[];
  declare builtin: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class PlatformUser extends Model<InferAttributes<PlatformUser>, InferCreationAttributes<PlatformUser>> {
  declare id: CreationOptional<number>;
  declare email: string;
  declare name: string;
  declare passwordHash: string;
  declare roleId: number | null;
  declare status: AccountStatus;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare role?: PlatformRole | null;
}

export class Role extends TenantModel<InferAttributes<Role>, InferCreationAttributes<Role>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare name: string;
  declare code: 'admin' | 'finance' | 'agent' | null;
  declare permissions: string[];
  declare builtin: boolean;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class Staff extends TenantModel<InferAttributes<Staff>, InferCreationAttributes<Staff>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare email: string;
  declare name: string;
  declare passwordHash: string;
  declare roleId: number | null;
  declare isOwner: boolean;
  declare status: AccountStatus;
  declare lastLoginAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
  declare role?: Role | null;
}

export class StaffInvitation extends TenantModel<InferAttributes<StaffInvitation>, InferCreationAttributes<StaffInvitation>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare email: string;
  declare roleId: number | null;
  declare asOwner: boolean;
  declare tokenHash: string;
  declare invitedBy: number | null;
  declare expiresAt: Date;
  declare acceptedAt: Date | null;
  declare revokedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

/** A one-time ticket that signs a staff member into their shop's console (sign-up hands one over). */
export class SigninTicket extends TenantModel<InferAttributes<SigninTicket>, InferCreationAttributes<SigninTicket>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare staffId: number;
  declare tokenHash: string;
  declare expiresAt: Date;
  declare usedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class PasswordReset extends Model<InferAttributes<PasswordReset>, InferCreationAttributes<PasswordReset>> {
  declare id: CreationOptional<number>;
  declare actorKind: string;
  declare actorId: number;
  declare tenantId: number | null;
  declare tokenHash: string;
  declare expiresAt: Date;
  declare usedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}


/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  PlatformUser.init(
    {
      id: idColumn(),
      email: { type: DataTypes.STRING(191), allowNull: false },
      name: { type: DataTypes.STRING(64), allowNull: false },
      passwordHash: { type: DataTypes.STRING(255), allowNull: false },
      roleId: { type: DataTypes.INTEGER, allowNull: true },
      status: { type: DataTypes.STRING(16), allowNull: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'platform_users' },
  );
  PlatformRole.init(
    {
      id: idColumn(),
      name: { type: DataTypes.STRING(64), allowNull: false },
      code: { type: DataTypes.STRING(16), allowNull: true },
      permissions: jsonColumn('permissions', [] as string[]),
      builtin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'platform_roles' },
  );
  Role.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      name: { type: DataTypes.STRING(64), allowNull: false },
      code: { type: DataTypes.STRING(16), allowNull: true },
      permissions: jsonColumn('permissions', [] as string[]),
      builtin: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      ...timestamps(),
    },
    { sequelize, tableName: 'roles' },
  );
  Staff.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      email: { type: DataTypes.STRING(191), allowNull: false },
      name: { type: DataTypes.STRING(64), allowNull: false },
      passwordHash: { type: DataTypes.STRING(255), allowNull: false },
      roleId: { type: DataTypes.INTEGER, allowNull: true },
      isOwner: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      status: { type: DataTypes.STRING(16), allowNull: false },
      lastLoginAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'staff' },
  );
  StaffInvitation.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      email: { type: DataTypes.STRING(191), allowNull: false },
      roleId: { type: DataTypes.INTEGER, allowNull: true },
      asOwner: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      tokenHash: { type: DataTypes.STRING(64), allowNull: false },
      invitedBy: { type: DataTypes.INTEGER, allowNull: true },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      acceptedAt: { type: DataTypes.DATE(3), allowNull: true },
      revokedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'staff_invitations' },
  );
  PasswordReset.init(
    {
      id: idColumn(),
      actorKind: { type: DataTypes.STRING(16), allowNull: false },
      actorId: { type: DataTypes.INTEGER, allowNull: false },
      tenantId: { type: DataTypes.INTEGER, allowNull: true },
      tokenHash: { type: DataTypes.STRING(64), allowNull: false },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      usedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'password_resets' },
  );
  SigninTicket.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      staffId: { type: DataTypes.INTEGER, allowNull: false },
      tokenHash: { type: DataTypes.STRING(64), allowNull: false },
      expiresAt: { type: DataTypes.DATE(3), allowNull: false },
      usedAt: { type: DataTypes.DATE(3), allowNull: true },
      ...timestamps(),
    },
    { sequelize, tableName: 'signin_tickets' },
  );
}

/** Runs after every module's models are initialised. */
export function associateModels(): void {
  Staff.belongsTo(Role, { foreignKey: 'roleId', as: 'role' });
  PlatformUser.belongsTo(PlatformRole, { foreignKey: 'roleId', as: 'role' });
}
