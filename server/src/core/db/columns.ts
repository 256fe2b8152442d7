/**
 * Column types shared by the models.
 *
 * JSON stored as text on every dialect. MariaDB keeps JSON as LONGTEXT and the mysql dialect hands
 * it back as a string while SQLite hands back objects; one text column with a getter and setter
 * makes both behave alike. Raw rows go through parseJson().
 */
import { DataTypes, type ModelAttributeColumnOptions, type Model } from 'sequelize';

export function parseJson<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined || value === '') return fallback;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

export function jsonColumn<T>(field: string, fallback: T, allowNull = false): ModelAttributeColumnOptions<Model> {
  return {
    type: DataTypes.TEXT,
    allowNull,
    get(this: Model) {
      return parseJson<T>(this.getDataValue(field as never), fallback);
    },
    set(this: Model, value: T | null) {
      this.setDataValue(field as never, (value === null || value === undefined ? (allowNull ? null : JSON.stringify(fallback)) : JSON.stringify(value)) as never);
    },
  };
}

/**
 * Money in integer fen, stored as BIGINT and always read back as a number (mysql2 may hand back
 * BIGINT as a string). Never a float.
 */
export function moneyColumn(field: string, allowNull = false): ModelAttributeColumnOptions<Model> {
  return {
    type: DataTypes.BIGINT,
    allowNull,
    get(this: Model) {
      const v = this.getDataValue(field as never) as unknown;
      return v === null || v === undefined ? (allowNull ? null : 0) : Number(v);
    },
  };
}

/** The columns every table starts with. */
export const idColumn = (): ModelAttributeColumnOptions<Model> => ({ type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true });
export const tenantIdColumn = (): ModelAttributeColumnOptions<Model> => ({ type: DataTypes.INTEGER, allowNull: false });
export const timestamps = () => ({ createdAt: DataTypes.DATE(3), updatedAt: DataTypes.DATE(3) });
