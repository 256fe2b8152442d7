import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Sequelize } from 'sequelize';
import { idColumn, TenantModel, tenantIdColumn, timestamps } from '../../core/db/index.js';

export type AgentStatus = 'online' | 'away' | 'offline';
export type ConversationStatus = 'queued' | 'active' | 'closed';
export type SenderKind = 'shopper' | 'agent' | 'system';
export type MessageType = 'text' | 'image' | 'card';

export class ChatAgent extends TenantModel<InferAttributes<ChatAgent>, InferCreationAttributes<ChatAgent>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare staffId: number;
  declare status: AgentStatus;
  declare capacity: number;
  declare active: CreationOptional<number>;
  declare lastAssignedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class ChatPresence extends TenantModel<InferAttributes<ChatPresence>, InferCreationAttributes<ChatPresence>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare staffId: number;
  declare nodeId: string;
  declare socketId: string;
  declare seenAt: Date;
  declare createdAt: CreationOptional<Date>;
}

export class ChatConversation extends TenantModel<InferAttributes<ChatConversation>, InferCreationAttributes<ChatConversation>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare customerId: number;
  declare openCustomerId: number | null;
  declare agentId: number | null;
  declare status: ConversationStatus;
  declare leftMessage: boolean;
  declare subjectType: 'product' | 'order' | null;
  declare subjectId: number | null;
  declare queuedAt: Date | null;
  declare assignedAt: Date | null;
  declare firstResponseAt: Date | null;
  declare lastMessageAt: Date | null;
  declare idleAt: Date | null;
  declare closedAt: Date | null;
  declare closedBy: 'agent' | 'idle' | null;
  declare tag: string | null;
  declare lastSeq: CreationOptional<number>;
  declare shopperReadSeq: CreationOptional<number>;
  declare agentReadSeq: CreationOptional<number>;
  declare rating: number | null;
  declare ratingComment: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class ChatMessage extends TenantModel<InferAttributes<ChatMessage>, InferCreationAttributes<ChatMessage>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare conversationId: number;
  declare seq: number;
  declare senderKind: SenderKind;
  declare senderId: number | null;
  declare type: MessageType;
  declare text: string | null;
  declare url: string | null;
  declare card: string | null;
  declare auto: boolean;
  declare clientId: string | null;
  declare createdAt: CreationOptional<Date>;
}

export class ChatCannedReply extends TenantModel<InferAttributes<ChatCannedReply>, InferCreationAttributes<ChatCannedReply>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare shortcut: string;
  declare text: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

export class ChatTag extends TenantModel<InferAttributes<ChatTag>, InferCreationAttributes<ChatTag>> {
  declare id: CreationOptional<number>;
  declare tenantId: CreationOptional<number>;
  declare name: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;
}

const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const str = (length: number, allowNull = false) => ({ type: DataTypes.STRING(length), allowNull });
const time = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });

/** Runs when the database opens (listed in the module declaration). */
export function initModels(sequelize: Sequelize): void {
  ChatAgent.init(
    { id: idColumn(), tenantId: tenantIdColumn(), staffId: int(), status: str(8), capacity: int(), active: { ...int(), defaultValue: 0 }, lastAssignedAt: time(), ...timestamps() },
    { sequelize, tableName: 'chat_agents' },
  );
  ChatPresence.init(
    { id: idColumn(), tenantId: tenantIdColumn(), staffId: int(), nodeId: str(36), socketId: str(64), seenAt: time(false), createdAt: DataTypes.DATE(3) },
    { sequelize, tableName: 'chat_presence', updatedAt: false },
  );
  ChatConversation.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      customerId: int(),
      openCustomerId: int(true),
      agentId: int(true),
      status: str(8),
      leftMessage: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      subjectType: str(8, true),
      subjectId: int(true),
      queuedAt: time(),
      assignedAt: time(),
      firstResponseAt: time(),
      lastMessageAt: time(),
      idleAt: time(),
      closedAt: time(),
      closedBy: str(8, true),
      tag: str(32, true),
      lastSeq: { ...int(), defaultValue: 0 },
      shopperReadSeq: { ...int(), defaultValue: 0 },
      agentReadSeq: { ...int(), defaultValue: 0 },
      rating: int(true),
      ratingComment: str(500, true),
      ...timestamps(),
    },
    { sequelize, tableName: 'chat_conversations' },
  );
  ChatMessage.init(
    {
      id: idColumn(),
      tenantId: tenantIdColumn(),
      conversationId: int(),
      seq: int(),
      senderKind: str(8),
      senderId: int(true),
      type: str(8),
      text: { type: DataTypes.TEXT, allowNull: true },
      url: str(512, true),
      card: { type: DataTypes.TEXT, allowNull: true },
      auto: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
      clientId: str(64, true),
      createdAt: DataTypes.DATE(3),
    },
    { sequelize, tableName: 'chat_messages', updatedAt: false },
  );
  ChatCannedReply.init({ id: idColumn(), tenantId: tenantIdColumn(), shortcut: str(32), text: { type: DataTypes.TEXT, allowNull: false }, ...timestamps() }, { sequelize, tableName: 'chat_canned_replies' });
  ChatTag.init({ id: idColumn(), tenantId: tenantIdColumn(), name: str(32), ...timestamps() }, { sequelize, tableName: 'chat_tags' });
}
