-- 006: the schema describes itself. meta_doc is rebuilt by cchc after every migration from the
-- comments of the schema (`-- English | Tiếng Việt` on every column, `-- @table:`/`-- @view:` and
-- `-- @column name:` lines), so what `.schema` shows and what meta_doc says can never disagree.

CREATE TABLE meta_doc (
    -- @table: what every table and view of the warehouse holds, and every column, in English and Vietnamese | mô tả mọi bảng, khung nhìn và cột của kho dữ liệu, bằng tiếng Anh và tiếng Việt
    object_name    TEXT NOT NULL,         -- the table or view | tên bảng hoặc khung nhìn
    object_type    TEXT NOT NULL CHECK (object_type IN ('table', 'view')),  -- 'table' or 'view' | loại: 'table' (bảng) hoặc 'view' (khung nhìn)
    column_name    TEXT NOT NULL,         -- the column; '' for the table or view itself | tên cột; '' khi mô tả chính bảng hoặc khung nhìn
    position       INTEGER NOT NULL,      -- the column's position (0 for the table or view itself) | vị trí cột (0 khi mô tả chính bảng)
    description_en TEXT NOT NULL,         -- what it holds, in English | nội dung, bằng tiếng Anh
    description_vi TEXT NOT NULL,         -- what it holds, in Vietnamese | nội dung, bằng tiếng Việt
    PRIMARY KEY (object_name, column_name)
) STRICT, WITHOUT ROWID;
