-- taraz warehouse schema (DuckDB). A star: the fact table `lines`, the date dimension `dim_date`
-- and the code lists `ref_*`; `batches`, `batch_files`, `coverage`, `quarantine` and `findings`
-- keep the history of every import so that any figure can be asked as it stood at a moment.
-- Money and weight are DECIMAL: sums are exact and the same on every engine.

CREATE TABLE IF NOT EXISTS meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS batches (
    batch_id         VARCHAR PRIMARY KEY,   -- 'B00001': readable, sorts by load order
    seq              INTEGER NOT NULL UNIQUE,
    source           VARCHAR NOT NULL,      -- the series a revision replaces within
    layout           VARCHAR NOT NULL,      -- customs, canonical, mapping:<name>
    loaded_at        TIMESTAMPTZ NOT NULL,
    loaded_by        VARCHAR,
    reverted_at      TIMESTAMPTZ,
    reverted_by      VARCHAR,
    period_label     VARCHAR,               -- declared period, if the user gave one
    period_from      DATE,
    period_to        DATE,
    date_min         DATE,
    date_max         DATE,
    hs_digits_min    INTEGER,               -- the level at which the batch is detailed
    hs_digits_max    INTEGER,
    rows_read        BIGINT NOT NULL,
    rows_loaded      BIGINT NOT NULL,
    rows_quarantined BIGINT NOT NULL,
    rows_duplicate   BIGINT NOT NULL,
    rows_skipped     BIGINT NOT NULL,       -- blank rows and totals rows, not data
    warnings         BIGINT NOT NULL,
    value_usd        DECIMAL(18, 2),
    weight_kg        DECIMAL(18, 3)
);

CREATE TABLE IF NOT EXISTS batch_files (
    batch_id    VARCHAR NOT NULL,
    file_no     INTEGER NOT NULL,
    file_name   VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL,
    size_bytes  BIGINT NOT NULL,
    format      VARCHAR NOT NULL,   -- xlsx, csv, parquet
    encoding    VARCHAR,
    sheet       VARCHAR,
    header_row  INTEGER,
    rows_read   BIGINT NOT NULL,
    PRIMARY KEY (batch_id, file_no)
);

-- Which (flow, province, date span) each batch covers within its source; a later active batch
-- of the same source that covers the same cells replaces the earlier one's lines there.
CREATE TABLE IF NOT EXISTS coverage (
    batch_id  VARCHAR NOT NULL,
    source    VARCHAR NOT NULL,
    flow      VARCHAR NOT NULL,
    province  VARCHAR NOT NULL,
    date_from DATE NOT NULL,
    date_to   DATE NOT NULL
);

-- The canonical declaration line (../shared/ARCHITECTURE.md) plus where it came from.
CREATE TABLE IF NOT EXISTS lines (
    declaration_id VARCHAR,
    line_no        INTEGER,
    flow           VARCHAR NOT NULL,
    date           DATE NOT NULL,
    hs_code        VARCHAR NOT NULL,
    partner        VARCHAR,
    consignment    VARCHAR,
    customs_office VARCHAR,
    province       VARCHAR NOT NULL,
    trader_id      VARCHAR,
    trader_size    VARCHAR,
    value_usd      DECIMAL(18, 2) NOT NULL,
    weight_kg      DECIMAL(18, 3),
    quantity       DECIMAL(18, 3),
    unit           VARCHAR,
    batch_id       VARCHAR NOT NULL,
    file_no        INTEGER NOT NULL,
    source_row     INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS quarantine (
    batch_id    VARCHAR NOT NULL,
    file_no     INTEGER NOT NULL,
    file_name   VARCHAR NOT NULL,
    row_no      INTEGER NOT NULL,
    column_name VARCHAR,
    value       VARCHAR,
    code        VARCHAR NOT NULL,
    reason_fa   VARCHAR NOT NULL,
    reason_en   VARCHAR NOT NULL
);

-- Plausibility warnings: reported, never "fixed".
CREATE TABLE IF NOT EXISTS findings (
    batch_id    VARCHAR NOT NULL,
    file_no     INTEGER,
    file_name   VARCHAR,
    row_no      INTEGER,
    column_name VARCHAR,
    value       VARCHAR,
    code        VARCHAR NOT NULL,
    message_fa  VARCHAR NOT NULL,
    message_en  VARCHAR NOT NULL
);

-- Each firm's size class as the exporters registry declared it, over time (docs/sizes.md):
-- the whole registry file, replaced at each `taraz import-sizes`. A line's size class is the
-- declared one in force on its date, else its own `trader_size`.
CREATE TABLE IF NOT EXISTS trader_sizes (
    trader_id   VARCHAR NOT NULL,
    size_class  VARCHAR NOT NULL,   -- sme or large, as lines.trader_size
    valid_from  DATE NOT NULL,
    valid_to    DATE,               -- inclusive; NULL: still in force
    loaded_at   TIMESTAMPTZ NOT NULL,
    file_name   VARCHAR NOT NULL,
    sha256      VARCHAR NOT NULL
);
