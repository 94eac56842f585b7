//! The Word reader on the fixtures of `fixtures/docx/` (written by `fixtures/docx/make.py`, one
//! feature each), on broken files (`fixtures/docx/bad/`), and on two real Word plans
//! (`fixtures/docx/real/`, reviewed snapshots).
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, reason = "tests fail loudly")]

use planlint::docx::{
    self, Block, DocxError, Limits, Location, NoteKind, NumberSuffix, Paragraph, TableLayout, VMerge, WordDocument,
};
use serde::Serialize;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/fixtures/docx/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn read(name: &str) -> WordDocument {
    docx::read(&fixture(name), &Limits::default()).unwrap()
}

fn error(name: &str) -> DocxError {
    docx::read(&fixture(name), &Limits::default()).unwrap_err()
}

/// The body paragraphs as `number|text`.
fn numbered(doc: &WordDocument) -> Vec<String> {
    doc.paragraphs().iter().map(|p| format!("{}|{}", p.numbering.as_deref().unwrap_or(""), p.text)).collect()
}

fn body_paragraph<'a>(doc: &'a WordDocument, text: &str) -> &'a Paragraph {
    doc.paragraphs().into_iter().find(|p| p.text == text).unwrap()
}

const FIXTURES: &[&str] = &[
    "numbering.docx",
    "tables.docx",
    "tracked-changes.docx",
    "comments.docx",
    "notes.docx",
    "fields.docx",
    "header-table.docx",
    "real/lamdong-kh-cchc-2026-2030.docx",
    "real/phobang-tieuban-kh-tuyentruyen-baucu-2025.docx",
];

#[test]
fn numbers_are_those_word_displays() {
    let doc = read("numbering.docx");
    assert_eq!(
        numbered(&doc),
        [
            "I.|MỤC TIÊU",
            "1.|Mục tiêu chung",
            "2.|Mục tiêu cụ thể",
            "2.1.|Về y tế",
            "2.2.|Về giáo dục",
            "a)|tiêm chủng đạt 95%",
            "b)|khám sức khỏe",
            "-|Gạch đầu dòng",
            // Level 0 advancing restarts the levels under it.
            "II.|NHIỆM VỤ",
            "1.|Nhiệm vụ chung",
            "1.1.|Về y tế",
            // Another instance of the same list with startOverride 5 at level 0.
            "V.|KINH PHÍ",
            "1.|Nguồn kinh phí",
            // startOverride 3 at level 1: Word's own numbering skips 2, and it shows.
            "3.|Mục nhảy số",
            // numId 0 takes away the number the style gives.
            "|Không đánh số",
            "A.|Phần A",
            "(1)|Ý một",
            "B.|Phần B",
            // lvlRestart 0: this level never restarts.
            "(2)|Ý hai",
            // isLgl: every level shown as decimal.
            "2.1|Ý con",
            // Numbering from the style (level linked by pStyle), and through basedOn.
            "Điều 01.|Phạm vi",
            "Điều 02.|Đối tượng",
            "-|Gạch ngang",
            "+|Dấu cộng",
            // A whole level overridden in the instance.
            "Bước 1:|Chuẩn bị",
            "Bước 2:|Thực hiện",
            "|Tiêu đề",
            "|Mức đề cương",
        ]
    );
    let muc = body_paragraph(&doc, "MỤC TIÊU");
    assert_eq!(
        (muc.heading_level, muc.style_id.as_deref(), muc.style_name.as_deref()),
        (Some(1), Some("Muc"), Some("Mục"))
    );
    assert_eq!(muc.list_level, Some(0));
    assert_eq!(body_paragraph(&doc, "Tiêu đề").heading_level, Some(0));
    assert_eq!(body_paragraph(&doc, "Mức đề cương").heading_level, Some(3));
    assert_eq!(body_paragraph(&doc, "Về y tế").heading_level, None);
    assert_eq!(body_paragraph(&doc, "Về y tế").list_level, Some(2));
    let dieu = body_paragraph(&doc, "Phạm vi");
    assert_eq!(dieu.number_suffix, NumberSuffix::Nothing);
    assert_eq!(body_paragraph(&doc, "tiêm chủng đạt 95%").number_suffix, NumberSuffix::Space);
    let (text, _) = doc.to_text();
    assert!(text.starts_with("I. MỤC TIÊU\n\n1. Mục tiêu chung\n"), "{text}");
    assert!(text.contains("\nĐiều 01.Phạm vi\n"), "{text}");
}

#[test]
fn tables_keep_spans_vertical_merges_header_rows_and_nested_tables() {
    let doc = read("tables.docx");
    let tables = doc.tables();
    assert_eq!(tables.len(), 1);
    let t = tables[0];
    assert_eq!((t.columns, t.rows.len(), t.layout), (5, 6, TableLayout::Grid));
    assert!(t.rows[0].is_header);
    assert!(!t.rows[1].is_header);
    assert_eq!(t.rows[1].cells[1].grid_span, 4);
    assert_eq!(t.rows[2].cells[2].v_merge, VMerge::Restart);
    assert_eq!(t.rows[2].cells[3].text(), "Trạm Y tế Công an xã");
    for r in [3, 4] {
        assert_eq!(t.rows[r].cells[2].v_merge, VMerge::Continue);
        assert_eq!(t.rows[r].cells[2].merged_from_row, Some(2));
    }
    // The nested table is kept in the cell, and flattened in its text.
    let nested = t.rows[4].cells[3].blocks.iter().filter(|b| matches!(b, Block::Table(_))).count();
    assert_eq!(nested, 1);
    assert_eq!(t.rows[4].cells[3].text(), "Bảng con: a1 b1 a2 b2");
    // gridBefore: the row's first cell is in the second grid column.
    assert_eq!(t.rows[5].cells[0].col, 1);
    let (text, locs) = doc.to_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "II. NHIỆM VỤ",
            "",
            "TT\tNội dung\tChủ trì\tPhối hợp\tThời hạn",
            "I\tCông tác chỉ đạo\t\t\t",
            "1\tBan hành kế hoạch\tPhòng Y tế\tTrạm Y tế Công an xã\tTháng 3/2024",
            // The lead merged over tasks 1–3 leads each of them.
            "2\tKiện toàn Ban Chỉ đạo\tPhòng Y tế\t\tQuý II/2024",
            "3\tGiám sát\tPhòng Y tế\tBảng con: a1 b1 a2 b2\tThường xuyên",
            "\tTổng hợp\tVăn phòng\t\tHằng năm",
            "",
            "Sau bảng.",
        ]
    );
    let Location::Row { table, row, cells } = &locs[5] else { panic!("{:?}", locs[5]) };
    assert_eq!((*table, *row), (0, 3));
    assert_eq!(cells[2].merged_from_row, Some(2));
    assert_eq!(lines[5].get(cells[2].range.clone()), Some("Phòng Y tế"));
    // A place in the repeated text is the merged cell's paragraph, in the row it starts in.
    let at = locs[5].place(lines[5], cells[2].range.start + "Phòng".len()).unwrap();
    let origin = &t.rows[2].cells[2].paragraphs()[0];
    assert_eq!(
        (at.paragraph, at.table, at.row, at.cell, at.column),
        (origin.ordinal + 1, Some(1), Some(3), Some(3), 6)
    );
}

#[test]
fn tracked_changes_read_as_accepted_and_counted() {
    let doc = read("tracked-changes.docx");
    let texts: Vec<&str> = doc.paragraphs().iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Kế hoạch đã sửa năm 2025.",
            "Ở lại.",
            "Câu chuyển đi.",
            "In đậm.",
            // The deleted paragraph mark joins the two paragraphs.
            "Đầu câu nối tiếp.",
            "Đoạn chèn.",
            // The deleted row is gone.
            "Giữ",
            "lại",
        ]
    );
    let c = doc.changes;
    assert_eq!((c.insertions, c.deletions, c.moves, c.formatting), (3, 3, 1, 2));
    assert_eq!(c.total(), 9);
    assert_eq!(doc.tables()[0].rows.len(), 1);
}

#[test]
fn comments_are_counted_open_and_resolved() {
    let doc = read("comments.docx");
    // Resolved: the one marked done and the reply in its thread. Open: the one marked not done
    // (named by its last paragraph) and the one commentsExtended does not know.
    assert_eq!((doc.comments.open, doc.comments.resolved), (2, 2));
    assert_eq!(read("tables.docx").comments.open, 0);
}

#[test]
fn footnotes_and_endnotes_follow_the_body_in_reference_order() {
    let doc = read("notes.docx");
    assert_eq!((doc.footnotes, doc.endnotes), (3, 1));
    let notes: Vec<(NoteKind, Option<&str>, &str)> = doc
        .paragraphs()
        .into_iter()
        .filter_map(|p| p.note.as_ref().map(|n| (n.kind, n.mark.as_deref(), p.text.as_str())))
        .collect();
    assert_eq!(
        notes,
        [
            (NoteKind::Footnote, Some("1"), "Chỉ thị số 46-CT/TW ngày 16/5/2025."),
            (NoteKind::Footnote, Some("2"), "Kết luận số 12-KL/TW ngày 01/01/2025."),
            (NoteKind::Footnote, None, "Chú thích không được tham chiếu."),
            (NoteKind::Endnote, Some("i"), "Ghi chú cuối văn bản."),
        ]
    );
    // The reference marks are not in the body text: a symbol stays whole.
    assert_eq!(doc.paragraphs()[0].text, "Căn cứ Chỉ thị số 46-CT/TW và Kết luận;");
    let (text, _) = doc.to_text();
    assert!(text.ends_with("\n\n[1] Chỉ thị số 46-CT/TW ngày 16/5/2025.\n[2] Kết luận số 12-KL/TW ngày 01/01/2025.\nChú thích không được tham chiếu.\n[i] Ghi chú cuối văn bản.\n"), "{text}");
}

#[test]
fn fields_hyperlinks_content_controls_text_boxes_and_special_characters() {
    let doc = read("fields.docx");
    let texts: Vec<&str> = doc.paragraphs().iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            // The field's result, never its code.
            "Theo Quyết định số 15/QĐ-UBND ngày 02/01/2025.",
            // A field nested in another's code: only the outer result.
            "Giá trị: bảy",
            "06/12/2026",
            "Xem Cổng thông tin.",
            "Số: 12/KH-UBND",
            "Ngày 15 tháng 3",
            "Đoạn neo khung.",
            // The text box after its anchor, once (the VML fallback is not read again).
            "Chữ trong khung",
            "Cột 1\tCột 2\ndòng 2\nCOVID-19, hạtầng ≥ 95%",
            // Hidden text is not shown.
            "Hiện rõ.",
            // Decomposed input is read composed.
            "Việt Nam",
        ]
    );
    let (text, _) = doc.to_text();
    assert!(text.contains("\nCột 1 Cột 2 dòng 2 COVID-19, hạtầng ≥ 95%\n"), "{text}");
}

#[test]
fn the_header_table_reads_column_by_column() {
    let doc = read("header-table.docx");
    let tables = doc.tables();
    assert_eq!(tables.len(), 3);
    assert!(tables.iter().all(|t| t.layout == TableLayout::Columns));
    let (text, locs) = doc.to_text();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "ỦY BAN NHÂN DÂN",
            "XÃ LỤC BÌNH",
            "Số: 58/KH-UBND",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Lục Bình, ngày 12 tháng 3 năm 2024",
            "",
            "KẾ HOẠCH",
            "",
            // A title split over two paragraphs stays together (the second goes on lower-case).
            "Phòng, chống dịch bệnh năm 2024 trên địa bàn xã Lục Bình,",
            "giai đoạn 2024-2025",
            "",
            "Căn cứ Kế hoạch số 80/KH-UBND ngày 26/07/2023 của UBND huyện;",
            "",
            "I. MỤC TIÊU",
            "",
            "Chủ động phòng, chống dịch bệnh.",
            "",
            "Nơi nhận:",
            "- UBND huyện;",
            "- Lưu: VT.",
            "TM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "Nguyễn Văn An",
            "",
            "Phụ lục kèm theo.",
            "",
            // A signature alone in the right cell is a layout table too.
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Trần Văn Bình",
            "",
        ]
    );
    // Ordinals follow the document (row by row, cell by cell); the lines go column by column.
    assert_eq!(locs[2], Location::ColumnParagraph { table: 0, row: 1, col: 0, ordinal: 4, text_start: 0 });
    assert_eq!(locs[3], Location::ColumnParagraph { table: 0, row: 0, col: 1, ordinal: 2, text_start: 0 });
    assert_eq!(locs[21], Location::ColumnParagraph { table: 1, row: 0, col: 1, ordinal: 17, text_start: 0 });
    // The header paragraphs are not headings: only the Heading 1 and the Title are.
    let headings: Vec<(Option<u8>, &str)> = doc
        .paragraphs()
        .iter()
        .filter(|p| p.heading_level.is_some())
        .map(|p| (p.heading_level, p.text.as_str()))
        .collect();
    assert_eq!(headings, [(Some(0), "KẾ HOẠCH"), (Some(1), "I. MỤC TIÊU")]);
}

/// Every line has a location, and every location leads to the text it names.
#[test]
fn locations_lead_back_to_the_text() {
    for name in FIXTURES {
        let doc = read(name);
        let paragraphs = doc.paragraphs();
        for (i, p) in paragraphs.iter().enumerate() {
            assert_eq!(p.ordinal, i, "{name}");
        }
        let tables = doc.tables();
        let (text, locs) = doc.to_text();
        let lines: Vec<&str> = text.split_terminator('\n').collect();
        assert_eq!(lines.len(), locs.len(), "{name}");
        for (line, loc) in lines.iter().zip(&locs) {
            assert!(!line.contains('\n'));
            match loc {
                Location::Gap => assert!(line.is_empty(), "{name}: {line:?}"),
                Location::Paragraph { ordinal, text_start } | Location::ColumnParagraph { ordinal, text_start, .. } => {
                    let p = paragraphs[*ordinal];
                    if line.is_empty() {
                        // A paragraph with nothing to show (only breaks or spaces) is a blank line.
                        assert!(p.line_text().trim().is_empty() && p.numbering.is_none(), "{name}: {:?}", p.text);
                    } else {
                        assert_eq!(line.get(*text_start..), Some(p.line_text().as_str()), "{name}");
                    }
                    assert!(!line.contains('\t'), "{name}: {line:?}");
                }
                Location::Row { table, row, cells } => {
                    let r = &tables[*table].rows[*row];
                    assert_eq!(cells.len(), r.cells.len());
                    for c in cells {
                        let cell = &r.cells[c.cell];
                        // A continued merge shows the merged cell's text, except in a row that
                        // goes on with the record above (its first cell continues a merge too).
                        let row_continues = r.cells[0].col == 0 && r.cells[0].v_merge == VMerge::Continue;
                        let want = match (cell.v_merge, cell.merged_from_row) {
                            (VMerge::Continue, Some(from)) if !row_continues => tables[*table].rows[from]
                                .cells
                                .iter()
                                .find(|o| o.col == cell.col && o.v_merge != VMerge::Continue)
                                .map_or(String::new(), |o| o.text()),
                            (VMerge::Continue, _) => String::new(),
                            _ => cell.text(),
                        };
                        assert_eq!(line.get(c.range.clone()), Some(want.as_str()), "{name}: {line:?}");
                        assert_eq!(c.col, cell.col);
                        assert_eq!(c.merged_from_row, cell.merged_from_row);
                    }
                    assert_eq!(line.split('\t').count(), tables[*table].columns, "{name}: {line:?}");
                }
            }
        }
    }
}

/// What the snapshots of the real plans show besides their text.
#[derive(Serialize)]
struct Summary {
    paragraphs: usize,
    body_blocks: usize,
    headings: Vec<String>,
    numbered: Vec<String>,
    tables: Vec<TableShape>,
    footnotes: usize,
    endnotes: usize,
    changes: docx::TrackedChanges,
    comments: docx::Comments,
}

#[derive(Serialize)]
struct TableShape {
    layout: TableLayout,
    rows: usize,
    columns: usize,
    header_rows: Vec<usize>,
    /// `row:col xN` for cells spanning N grid columns.
    spans: Vec<String>,
    /// `row:col <- row` for cells continuing a vertical merge.
    merges: Vec<String>,
}

fn summary(doc: &WordDocument) -> Summary {
    let paragraphs = doc.paragraphs();
    let short = |p: &Paragraph| p.text.chars().take(60).collect::<String>();
    Summary {
        paragraphs: paragraphs.len(),
        body_blocks: doc.blocks.len(),
        headings: paragraphs
            .iter()
            .filter_map(|p| {
                p.heading_level.map(|l| format!("{l} {} {}", p.numbering.as_deref().unwrap_or(""), short(p)))
            })
            .collect(),
        numbered: paragraphs.iter().filter_map(|p| p.numbering.as_ref().map(|n| format!("{n} {}", short(p)))).collect(),
        tables: doc
            .tables()
            .iter()
            .map(|t| TableShape {
                layout: t.layout,
                rows: t.rows.len(),
                columns: t.columns,
                header_rows: t.rows.iter().enumerate().filter(|(_, r)| r.is_header).map(|(i, _)| i).collect(),
                spans: t
                    .rows
                    .iter()
                    .enumerate()
                    .flat_map(|(ri, r)| {
                        r.cells
                            .iter()
                            .filter(|c| c.grid_span > 1)
                            .map(move |c| format!("{ri}:{} x{}", c.col, c.grid_span))
                    })
                    .collect(),
                merges: t
                    .rows
                    .iter()
                    .enumerate()
                    .flat_map(|(ri, r)| {
                        r.cells.iter().filter(|c| c.v_merge == VMerge::Continue).map(move |c| {
                            format!("{ri}:{} <- {}", c.col, c.merged_from_row.map_or("?".to_owned(), |r| r.to_string()))
                        })
                    })
                    .collect(),
            })
            .collect(),
        footnotes: doc.footnotes,
        endnotes: doc.endnotes,
        changes: doc.changes,
        comments: doc.comments,
    }
}

#[test]
fn snapshots_of_the_fixtures_and_real_plans() {
    for name in FIXTURES {
        let doc = read(name);
        let stem = name.trim_end_matches(".docx").replace("real/", "real-");
        let (text, _) = doc.to_text();
        insta::assert_snapshot!(format!("docx_text_{stem}"), text);
        insta::assert_yaml_snapshot!(format!("docx_summary_{stem}"), summary(&doc));
    }
}

#[test]
fn the_real_plans_hold_what_their_sources_say() {
    let lamdong = read("real/lamdong-kh-cchc-2026-2030.docx");
    let tables = lamdong.tables();
    let tasks = tables.iter().find(|t| t.rows.len() >= 60).unwrap();
    assert_eq!(tasks.rows.len(), 67);
    assert!(tasks.rows[0].is_header);
    assert!(
        tasks.rows.iter().flat_map(|r| &r.cells).any(|c| c.v_merge == VMerge::Continue && c.merged_from_row.is_some())
    );
    assert!(tasks.rows.iter().flat_map(|r| &r.cells).any(|c| c.grid_span > 1));
    assert_eq!(tables[0].layout, TableLayout::Columns);
    let phobang = read("real/phobang-tieuban-kh-tuyentruyen-baucu-2025.docx");
    assert!(phobang.footnotes >= 2);
    let (text, _) = phobang.to_text();
    assert!(text.starts_with("ỦY BAN BẦU CỬ XÃ PHỐ BẢNG"));
    assert!(text.contains("\nSố: 01/KH-TBTTKT\n"));
    assert!(text.contains("Chỉ thị số số 46 - CT/TW"), "the malformed symbol is read as written");
}

// --- Broken input: E005 with the part and the place, never a panic. ---

#[test]
fn not_a_zip() {
    let e = error("bad/not-a-zip.docx");
    assert!(matches!(e, DocxError::NotZip { .. }), "{e:?}");
    assert_eq!((e.code(), e.name()), ("E005", "docx-invalid"));
    assert!(e.message().vi.contains("không phải là tệp Word .docx"), "{}", e.message().vi);
    assert!(e.message().en().contains("not a valid Word .docx"));
}

#[test]
fn legacy_doc_and_encrypted_files_are_told_apart() {
    let e = error("bad/legacy.doc");
    assert_eq!(e, DocxError::LegacyDoc);
    assert!(e.message().vi.contains(".doc"));
    assert!(e.help().vi.contains(".docx"));
    let e = error("bad/encrypted.docx");
    assert_eq!(e, DocxError::Encrypted);
    assert!(e.message().vi.contains("tệp Word được đặt mật khẩu/mã hoá"), "{}", e.message().vi);
    assert!(e.to_string().contains("mật khẩu"), "Display is Vietnamese");
    let e = error("bad/zip-encrypted.docx");
    assert_eq!(e, DocxError::EncryptedPart { part: "word/document.xml".to_owned() });
}

#[test]
fn truncated_archives_are_damaged() {
    let e = error("bad/truncated.docx");
    assert!(matches!(e, DocxError::Damaged { .. } | DocxError::NotZip { .. }), "{e:?}");
    assert!(e.message().vi.contains("hỏng") || e.message().vi.contains("không phải"), "{}", e.message().vi);
}

#[test]
fn a_missing_document_part_is_named() {
    let e = error("bad/missing-document.docx");
    assert_eq!(e, DocxError::MissingPart { part: "word/document.xml".to_owned() });
    assert_eq!(e.message().vi, "tệp Word thiếu phần word/document.xml");
}

#[test]
fn malformed_xml_names_the_part_line_and_column() {
    let e = error("bad/malformed-xml.docx");
    let DocxError::MalformedXml { part, at, .. } = &e else { panic!("{e:?}") };
    assert_eq!(part, "word/document.xml");
    // `</w:r>` closes `<w:t>` on line 4 (the declaration is line 1).
    assert_eq!((at.line, at.column), (4, 24));
    assert_eq!(e.part(), Some("word/document.xml"));
    assert!(
        e.message().vi.starts_with("word/document.xml không phải XML hợp lệ ở dòng 4, cột 24"),
        "{}",
        e.message().vi
    );
    let e = error("bad/cut-xml.docx");
    assert!(matches!(&e, DocxError::MalformedXml { part, .. } if part == "word/document.xml"), "{e:?}");
    let e = error("bad/malformed-styles.docx");
    assert!(matches!(&e, DocxError::MalformedXml { part, .. } if part == "word/styles.xml"), "{e:?}");
}

#[test]
fn limits_stop_bombs() {
    // A part that unpacks to 2,000 times its size, whose headers lie about it.
    let e = error("bad/bomb.docx");
    assert_eq!(e, DocxError::RatioTooHigh { part: "word/document.xml".to_owned(), limit: 100 });
    assert!(e.message().vi.contains("bom zip"), "{}", e.message().vi);
    // The same file with the ratio check off: the bytes really unpacked are counted.
    let limits = Limits { max_compression_ratio: u64::MAX, max_total_uncompressed: 1024 * 1024, ..Limits::default() };
    let e = docx::read(&fixture("bad/bomb.docx"), &limits).unwrap_err();
    assert_eq!(e, DocxError::TooLarge { part: "word/document.xml".to_owned(), limit: 1024 * 1024 });
    // What the archive declares is checked first.
    let limits = Limits { max_total_uncompressed: 1000, ..Limits::default() };
    let e = docx::read(&fixture("tables.docx"), &limits).unwrap_err();
    assert_eq!(e, DocxError::TooLarge { part: String::new(), limit: 1000 });
    let limits = Limits { max_entries: 3, ..Limits::default() };
    let e = docx::read(&fixture("tables.docx"), &limits).unwrap_err();
    assert!(matches!(e, DocxError::TooManyEntries { limit: 3, count } if count > 3), "{e:?}");
    assert!(e.message().vi.contains("vượt giới hạn 3"));
    let e = error("bad/too-deep.docx");
    assert!(matches!(&e, DocxError::TooDeep { part, limit: 256, .. } if part == "word/document.xml"), "{e:?}");
    assert!(e.position().is_some());
}

#[test]
fn the_default_limits_are_the_documented_ones() {
    let l = Limits::default();
    assert_eq!(
        (l.max_entries, l.max_total_uncompressed, l.max_compression_ratio, l.max_xml_depth),
        (10_000, 256 * 1024 * 1024, 100, 256)
    );
}

/// A small deterministic generator (xorshift) for the damage below.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// Cut short anywhere, or with bytes changed, a Word file gives a document or an error, never a
/// panic.
#[test]
fn damaged_files_never_panic() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    for name in ["numbering.docx", "tables.docx", "fields.docx", "notes.docx"] {
        let good = fixture(name);
        for cut in (0..good.len()).step_by(37) {
            let _ = docx::read(&good[..cut], &Limits::default());
        }
        for _ in 0..300 {
            let mut bad = good.clone();
            for _ in 0..1 + next(&mut seed) % 4 {
                let i = usize::try_from(next(&mut seed) % bad.len() as u64).unwrap();
                bad[i] = u8::try_from(next(&mut seed) % 256).unwrap();
            }
            let _ = docx::read(&bad, &Limits::default());
        }
    }
}

/// Damage inside the XML (stored uncompressed so that it reaches the parser).
#[test]
fn damaged_xml_never_panics() {
    let doc = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:fldChar w:fldCharType="end"/><w:t>a&amp;b</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99999999999"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"#;
    let numbering = r#"<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="1"><w:start w:val="-5"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%9.%1.%2%"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="42"/></w:num></w:numbering>"#;
    let mut seed = 7u64;
    for round in 0..400 {
        let mut d = doc.as_bytes().to_vec();
        let mut n = numbering.as_bytes().to_vec();
        if round > 0 {
            let target = if round % 2 == 0 { &mut d } else { &mut n };
            let i = usize::try_from(next(&mut seed) % target.len() as u64).unwrap();
            match next(&mut seed) % 3 {
                0 => target.truncate(i),
                1 => target[i] = b"<>/\"&=x9 "[usize::try_from(next(&mut seed) % 9).unwrap()],
                _ => {
                    target.remove(i);
                }
            }
        }
        let bytes = zip(&[("word/document.xml", &d), ("word/numbering.xml", &n)]);
        match docx::read(&bytes, &Limits::default()) {
            Ok(doc) => {
                let _ = doc.to_text();
            }
            Err(e) => assert_eq!(e.code(), "E005"),
        }
    }
}

/// A stored (uncompressed) zip of the given entries.
fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let crc = |data: &[u8]| {
        let mut c = 0xFFFF_FFFFu32;
        for &b in data {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 { (c >> 1) ^ 0xEDB8_8320 } else { c >> 1 };
            }
        }
        !c
    };
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = u32::try_from(out.len()).unwrap();
        let (len, sum) = (u32::try_from(data.len()).unwrap(), crc(data));
        let header = |sig: u32, central: bool| {
            let mut h = sig.to_le_bytes().to_vec();
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend([0u8; 6]);
            h.extend(0u16.to_le_bytes());
            h.extend(sum.to_le_bytes());
            h.extend(len.to_le_bytes());
            h.extend(len.to_le_bytes());
            h.extend(u16::try_from(name.len()).unwrap().to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                // Comment length, disk, internal and external attributes.
                h.extend([0u8; 10]);
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(*data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = u32::try_from(out.len()).unwrap();
    let cd_len = u32::try_from(central.len()).unwrap();
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    let count = u16::try_from(entries.len()).unwrap();
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

#[test]
fn the_stored_zip_helper_makes_readable_documents() {
    let doc = r#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Xin chào</w:t></w:r></w:p></w:body></w:document>"#;
    let d = docx::read(&zip(&[("word/document.xml", doc.as_bytes())]), &Limits::default()).unwrap();
    assert_eq!(d.paragraphs()[0].text, "Xin chào");
}

/// Tables nested in tables down to the depth limit are read (recursion stays within a test
/// thread's stack); one level more is refused.
#[test]
fn nesting_is_bounded_by_the_depth_limit() {
    let nested = |n: usize| {
        let mut s = String::from(r#"<w:document xmlns:w="x"><w:body>"#);
        for _ in 0..n {
            s.push_str("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>ô</w:t></w:r></w:p>");
        }
        for _ in 0..n {
            s.push_str("</w:tc></w:tr></w:tbl>");
        }
        s.push_str("</w:body></w:document>");
        zip(&[("word/document.xml", s.as_bytes())])
    };
    // document, body, then three levels per table; the innermost paragraph adds p, r, t.
    let doc = docx::read(&nested(83), &Limits::default()).unwrap();
    assert_eq!(doc.tables()[0].rows[0].cells[0].text(), vec!["ô"; 83].join(" "));
    let e = docx::read(&nested(84), &Limits::default()).unwrap_err();
    assert!(matches!(e, DocxError::TooDeep { limit: 256, .. }), "{e:?}");
}

/// The text rendering is read by today's text extraction as a plan: header (issuer, symbol,
/// motto, place-date from the two-column table), kind and title, sections, the task table, the
/// closing.
#[test]
fn the_text_rendering_extracts_as_a_plan() {
    let vocab = planlint::registry::builtin_indicators().unwrap();
    let plan = |name: &str| {
        let (text, _) = read(name).to_text();
        let src = planlint::source::SourceFile::from_text(name, &text).unwrap();
        planlint::extract::extract(&src, vocab).unwrap()
    };
    let p = plan("header-table.docx");
    let h = &p.header;
    assert_eq!(h.issuer.as_ref().unwrap().text, "ỦY BAN NHÂN DÂN XÃ LỤC BÌNH");
    assert_eq!(h.symbol.as_ref().unwrap().raw, "58/KH-UBND");
    assert_eq!(h.motto.len(), 2);
    assert_eq!(h.place_date.as_ref().unwrap().text.text, "Lục Bình, ngày 12 tháng 3 năm 2024");
    assert_eq!(p.kind.unwrap().text, "KẾ HOẠCH");
    assert_eq!(p.title.unwrap().text, "Phòng, chống dịch bệnh năm 2024 trên địa bàn xã Lục Bình, giai đoạn 2024-2025");
    assert_eq!(p.recipients.unwrap().items.len(), 2);
    assert_eq!(p.signature.unwrap().on_behalf.unwrap().text, "TM. ỦY BAN NHÂN DÂN");

    let p = plan("real/lamdong-kh-cchc-2026-2030.docx");
    assert_eq!(p.header.issuer.as_ref().unwrap().text, "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG");
    assert_eq!(p.header.symbol.as_ref().unwrap().raw, "/KH-UBND");
    assert_eq!(p.header.place_date.as_ref().unwrap().date.month, Some(3));
    assert_eq!(p.sections.len(), 4, "I, II, III and the appendix");
    assert!(p.tasks.len() >= 50, "{}", p.tasks.len());
    assert_eq!(p.recipients.unwrap().items.len(), 13);
    assert_eq!(p.signature.unwrap().signer.unwrap().text, "Nguyễn Ngọc Phúc");

    let p = plan("real/phobang-tieuban-kh-tuyentruyen-baucu-2025.docx");
    assert_eq!(p.header.symbol.as_ref().unwrap().raw, "01/KH-TBTTKT");
    assert_eq!(p.header.place_date.as_ref().unwrap().date.day, Some(10));
    assert_eq!(p.sections.len(), 5);
}

/// Findings in a Word plan are located as a Word user counts: `line` is the paragraph's ordinal
/// (from 1), `column` a character of its text, and `location` names the table, row and cell.
#[test]
fn findings_in_a_word_plan_name_the_paragraph_and_cell() {
    let path = "fixtures/docx/real/lamdong-kh-cchc-2026-2030.docx";
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "--format", "json", path])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = read("real/lamdong-kh-cchc-2026-2030.docx");
    let paragraphs = doc.paragraphs();
    let tables = doc.tables();
    let diagnostics = json["diagnostics"].as_array().unwrap();
    assert!(diagnostics.len() > 50);
    let mut in_tables = 0;
    for d in diagnostics {
        let line = d["line"].as_u64().unwrap() as usize;
        let loc = &d["location"];
        assert_eq!(loc["paragraph"].as_u64(), Some(line as u64), "{d}");
        let text = paragraphs[line - 1].line_text();
        let chars: Vec<char> = text.chars().collect();
        let (col, end) = (d["column"].as_u64().unwrap() as usize, d["end_column"].as_u64().unwrap() as usize);
        assert!(col >= 1 && col <= chars.len() + 1, "{d}: column past `{text}`");
        if d["end_line"].as_u64() == Some(line as u64) {
            assert!(end >= col && end <= chars.len() + 1, "{d}: end past `{text}`");
        }
        if let Some(t) = loc["table"].as_u64() {
            in_tables += 1;
            let (row, cell) = (loc["row"].as_u64().unwrap() as usize, loc["cell"].as_u64().unwrap() as usize);
            let cell = tables[t as usize - 1].rows[row - 1].cells.iter().find(|c| c.col + 1 == cell).unwrap();
            assert!(cell.paragraphs().iter().any(|p| p.ordinal + 1 == line), "{d}: paragraph not in its cell");
        }
    }
    assert!(in_tables > 20, "the task table's findings name their cells");
    // The blank number of the header: `Số:           /KH-UBND`, paragraph 5, in the header
    // table's first cell of its second row.
    let s102 = diagnostics.iter().find(|d| d["code"] == "S102").unwrap();
    let text: String = paragraphs[4].line_text().chars().skip(14).take(8).collect();
    assert_eq!((s102["line"].as_u64(), s102["column"].as_u64(), text.as_str()), (Some(5), Some(15), "/KH-UBND"));
    assert_eq!(s102["location"], serde_json::json!({"paragraph": 5, "table": 1, "row": 2, "cell": 1}));
}

/// What an editor sees for a Word plan: the drawing of the text rendering, then the place in Word.
#[test]
fn the_human_output_of_a_word_plan_names_the_place_in_word() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_planlint"))
        .args(["check", "--no-color", "--select", "F107", "fixtures/docx/real/lamdong-kh-cchc-2026-2030.docx"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("trong Word: đoạn 114"), "{text}");
    assert!(text.contains("trong Word: bảng 3, hàng 51, ô 2 (đoạn 526)"), "{text}");
    insta::assert_snapshot!(text);
}
