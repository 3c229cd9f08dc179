package ai.omniflow.fields;

/** The value type of a lead field. */
public enum FieldType {
  TEXT,
  NUMBER,
  MONEY,
  DATE,
  BOOLEAN,
  CHOICE
}
