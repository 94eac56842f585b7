//! `--format letter`: a review letter draft per plan, under `--output-dir`.
#![allow(clippy::unwrap_used, clippy::panic, reason = "tests")]

mod common;

use common::{planlint_in, root, scratch};

#[test]
fn one_letter_per_plan_format_items_first() {
    let dir = scratch("letter");
    // The letters are Markdown: written outside the folder checked, a later run does not read them.
    std::fs::create_dir_all(dir.join("plans")).unwrap();
    for name in ["01-anninh-hungyen-phong-chong-ma-tuy.txt", "02-yte-daklak-phong-chong-dich-sau-lu.md"] {
        std::fs::copy(root().join("fixtures/real").join(name), dir.join("plans").join(name)).unwrap();
    }
    let (code, out, err) = planlint_in(&dir, &["check", "plans", "--format", "letter", "--output-dir", "gop-y"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "gop-y/01-anninh-hungyen-phong-chong-ma-tuy.gop-y.md\ngop-y/02-yte-daklak-phong-chong-dich-sau-lu.gop-y.md\n"
    );
    let letter = std::fs::read_to_string(dir.join("gop-y/01-anninh-hungyen-phong-chong-ma-tuy.gop-y.md")).unwrap();
    let format = letter.find("## I. Về thể thức").unwrap();
    let content = letter.find("## II. Về nội dung").unwrap();
    assert!(format < content);
    insta::assert_snapshot!("vi", letter);
    let clean = std::fs::read_to_string(dir.join("gop-y/02-yte-daklak-phong-chong-dich-sau-lu.gop-y.md")).unwrap();
    assert!(clean.contains("Không phát hiện lỗi."), "{clean}");

    let (code, _, err) = planlint_in(&dir, &["check", "plans", "--format", "letter"], None);
    assert_eq!(code, 2);
    assert!(err.contains("--output-dir"), "{err}");

    let (code, _, err) =
        planlint_in(&dir, &["check", "plans", "--format", "letter", "--output-dir", "review", "--lang", "en"], None);
    assert_eq!(code, 0, "{err}");
    let letter = std::fs::read_to_string(dir.join("review/01-anninh-hungyen-phong-chong-ma-tuy.review.md")).unwrap();
    insta::assert_snapshot!("en", letter);
}

#[test]
fn a_word_plan_is_located_by_paragraph_and_cell() {
    let dir = scratch("letter-word");
    let plan = root().join("fixtures/docx/real/lamdong-kh-cchc-2026-2030.docx");
    let (code, _, err) =
        planlint_in(&dir, &["check", plan.to_str().unwrap(), "--format", "letter", "--output-dir", "out"], None);
    assert_eq!(code, 0, "{err}");
    let letter = std::fs::read_to_string(dir.join("out/lamdong-kh-cchc-2026-2030.gop-y.md")).unwrap();
    // The symbol is in the header table; the targets are body paragraphs.
    assert!(letter.contains("1. Tại phần đầu văn bản (bảng 1, hàng 2, ô 1), đoạn “/KH-UBND”"), "{letter}");
    assert!(letter.contains("Tại mục a. Mục tiêu (đoạn 26), đoạn “100% văn bản"), "{letter}");
    assert!(!letter.contains("(dòng "), "{letter}");
}

#[test]
fn a_suppression_reason_is_the_drafters_response_in_the_annex() {
    let dir = scratch("letter-reason");
    let text = std::fs::read_to_string(root().join("fixtures/real/01-anninh-hungyen-phong-chong-ma-tuy.txt")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    // Line 55 keeps the symbol as the resolution prints it, with a reason; line 23 is silenced
    // without one.
    lines.insert(54, "<!-- planlint-disable-next-line L104 -- giữ nguyên: trích đúng như bản in của Nghị quyết -->");
    lines.insert(22, "<!-- planlint-disable-next-line L104 -->");
    std::fs::write(dir.join("ke-hoach.txt"), lines.join("\n")).unwrap();
    let (code, _, err) =
        planlint_in(&dir, &["check", "ke-hoach.txt", "--format", "letter", "--output-dir", "out"], None);
    assert_eq!(code, 0, "{err}");
    let letter = std::fs::read_to_string(dir.join("out/ke-hoach.gop-y.md")).unwrap();
    // The letter itself asks for nothing about either symbol: the drafter has answered.
    let body = letter.split("## Phụ lục").next().unwrap();
    assert!(!body.contains("09- NQ/TU"), "{body}");
    let annex = letter.split("## Phụ lục").nth(1).unwrap();
    let rows: Vec<&str> = annex.lines().filter(|l| l.contains("NQ/TU”")).collect();
    assert_eq!(rows.len(), 1, "{annex}");
    assert!(
        rows[0].starts_with("| Nội dung: Mục 1. Các sở, ngành, Ủy ban nhân dân xã, phường (dòng 57) |"),
        "{}",
        rows[0]
    );
    assert!(rows[0].ends_with("(L104) | giữ nguyên: trích đúng như bản in của Nghị quyết |"), "{}", rows[0]);
    insta::assert_snapshot!("reason", annex);
}
