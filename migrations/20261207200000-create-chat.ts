import type { QueryInterface } from 'sequelize';
import { bool, createTable, dropTables, integer, longText, refColumn, text, timestamp } from '../server/src/core/db/schema.js';

/**
 * Live customer service (modules/chat): agents with their status, capacity and load; each connected
 * agent socket (presence, shared by every API node); conversations and their messages (a
 * per-conversation sequence, unique; a client's own message id, unique, for idempotent resends);
 * canned replies and summary tags per shop.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createTable(qi, 'chat_agents', {
    tenant: true,
    columns: {
      staff_id: refColumn(qi),
      status: text(8),
      capacity: integer(),
      active: integer(false, 0),
      last_assigned_at: timestamp(),
    },
    indexes: [{ fields: ['tenant_id', 'staff_id'], unique: true }],
    foreignKeys: [{ fields: ['tenant_id', 'staff_id'], table: 'staff', references: ['tenant_id', 'id'], onDelete: 'CASCADE' }],
  });
  await createTable(qi, 'chat_presence', {
    tenant: true,
    updatedAt: false,
    columns: {
      staff_id: refColumn(qi),
      node_id: text(36),
      socket_id: text(64),
      seen_at: timestamp(false),
    },
    indexes: [
      { fields: ['tenant_id', 'staff_id', 'seen_at'] },
      { fields: ['tenant_id', 'seen_at'] },
      // a node refreshes its own sockets, and the sweep forgets a dead node's, whatever their shop
      { fields: ['node_id', 'socket_id'], unique: true, crossTenant: true },
      { fields: ['seen_at'], crossTenant: true },
    ],
  });
  await createTable(qi, 'chat_conversations', {
    tenant: true,
    columns: {
      customer_id: refColumn(qi),
      // the customer while the conversation is open, null once closed: one open conversation per shopper
      open_customer_id: refColumn(qi, true),
      agent_id: refColumn(qi, true),
      status: text(8),
      left_message: bool(),
      subject_type: text(8, true),
      subject_id: refColumn(qi, true),
      queued_at: timestamp(),
      assigned_at: timestamp(),
      first_response_at: timestamp(),
      last_message_at: timestamp(),
      idle_at: timestamp(),
      closed_at: timestamp(),
      closed_by: text(8, true),
      tag: text(32, true),
      last_seq: integer(false, 0),
      shopper_read_seq: integer(false, 0),
      agent_read_seq: integer(false, 0),
      rating: integer(true),
      rating_comment: text(500, true),
    },
    indexes: [
      { fields: ['tenant_id', 'open_customer_id'], unique: true },
      { fields: ['tenant_id', 'customer_id', 'id'] },
      { fields: ['tenant_id', 'status', 'queued_at', 'id'] },
      { fields: ['tenant_id', 'agent_id', 'status'] },
      { fields: ['tenant_id', 'created_at'] },
      // the idle sweep finds open conversations past their time in every shop
      { fields: ['idle_at'], crossTenant: true },
    ],
    foreignKeys: [{ fields: ['tenant_id', 'customer_id'], table: 'customers', references: ['tenant_id', 'id'] }],
  });
  await createTable(qi, 'chat_messages', {
    tenant: true,
    updatedAt: false,
    columns: {
      conversation_id: refColumn(qi),
      seq: integer(),
      sender_kind: text(8),
      sender_id: refColumn(qi, true),
      type: text(8),
      text: longText(true),
      url: text(512, true),
      card: longText(true),
      auto: bool(),
      client_id: text(64, true),
    },
    indexes: [
      { fields: ['tenant_id', 'conversation_id', 'seq'], unique: true },
      { fields: ['tenant_id', 'conversation_id', 'client_id'], unique: true },
    ],
    foreignKeys: [{ fields: ['tenant_id', 'conversation_id'], table: 'chat_conversations', references: ['tenant_id', 'id'], onDelete: 'CASCADE' }],
  });
  await createTable(qi, 'chat_canned_replies', {
    tenant: true,
    columns: { shortcut: text(32), text: longText(false) },
    indexes: [{ fields: ['tenant_id', 'shortcut'], unique: true }],
  });
  await createTable(qi, 'chat_tags', {
    tenant: true,
    columns: { name: text(32) },
    indexes: [{ fields: ['tenant_id', 'name'], unique: true }],
  });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await dropTables(qi, 'chat_tags', 'chat_canned_replies', 'chat_messages', 'chat_conversations', 'chat_presence', 'chat_agents');
}
