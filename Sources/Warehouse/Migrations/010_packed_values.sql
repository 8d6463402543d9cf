-- 010: a packed copy of each accepted submission's values, for the score step (issue 7). Reading a
-- period's ~270,000 rows of fact_indicator_value costs SQLite ~1,260 instructions a row, most of the
-- score step at national scale; one BLOB per file holds the same numbers and reads in about a tenth
-- of that. The copy is derived: the import writes it in the same savepoint as the file's rows and
-- deletes it with them when a newer file replaces the submission; the scorer uses it only for the
-- file in force of a commune and period, and reads the rows when it is absent (files imported
-- before this migration, or too large to be read whole ahead). Analysts query
-- fact_indicator_value (or v_fact), never this table.
--
-- The layout of `packed` (format 1; Sources/Warehouse/PackedValues.swift):
--   1 byte   format = 1
--   then per fact, in strictly increasing indicator_id (the key order of fact_indicator_value):
--   varint   indicator_id minus the previous fact's (minus 0 for the first), as an unsigned LEB128
--            varint of the 64-bit two's complement difference
--   1 byte   kinds: bits 0-1 value, 2-3 numerator, 4-5 denominator, each 0 = NULL (no bytes),
--            1 = whole number n, 2 = n / 100 exactly (the division gives the number bit for bit),
--            both as n in 4 bytes (Int32, little-endian), 3 = the IEEE 754 bit pattern, 8 bytes
--            little-endian
--   then the present numbers in the order value, numerator, denominator. Numbers are packed as
--   SQLite stores them: -0.0 as 0, NaN as NULL.

CREATE TABLE etl_file_values (
    -- @table: derived copy, for the scorer, of an accepted file's rows of fact_indicator_value, packed in one BLOB; analysts query fact_indicator_value | bản sao dẫn xuất (dùng cho bước chấm điểm) các dòng fact_indicator_value của một tệp hợp lệ, đóng gói thành một BLOB; người phân tích truy vấn fact_indicator_value
    file_id        INTEGER PRIMARY KEY REFERENCES etl_file (file_id),  -- the accepted file whose values these are; used only while it is the file in force | tệp hợp lệ chứa các số liệu này; chỉ dùng khi tệp đang có hiệu lực
    fact_count     INTEGER NOT NULL,      -- how many facts are packed | số số liệu được đóng gói
    packed         BLOB NOT NULL          -- the facts in the layout above (format byte 1, then per fact: indicator_id step, kinds byte, numbers) | các số liệu theo bố cục nêu trên (byte định dạng 1, rồi mỗi số liệu: bước indicator_id, byte loại, các số)
) STRICT;
