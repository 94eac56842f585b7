//! `planlint annotate`: Word copies with the findings as comments. The copies are checked as
//! packages (every other entry byte for byte, the text unchanged, comments not duplicated), and
//! as LibreOffice reads them: converted headlessly to flat ODF, their comments read back. Without
//! `soffice` on the machine that test is skipped with a note, except under `CI=true`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    clippy::print_stderr,
    reason = "tests"
)]

mod common;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{planlint_in, root, scratch};
use planlint::docx::{Limits, read};

/// The Word plans of the repository.
fn plans() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("fixtures/docx/real"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    out.sort();
    assert!(out.len() >= 2);
    out
}

/// Every entry of a package: name → (compression, CRC, unpacked bytes), in archive order.
/// An entry: compression, CRC, unpacked bytes.
type Entry = (String, u32, Vec<u8>);

fn entries(bytes: &[u8]) -> Vec<(String, Entry)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_owned(), (format!("{:?}", f.compression()), f.crc32(), data))
        })
        .collect()
}

fn part(bytes: &[u8], name: &str) -> String {
    let all = entries(bytes);
    String::from_utf8(all.into_iter().find(|(n, _)| n == name).map(|(_, (_, _, d))| d).unwrap_or_default()).unwrap()
}

/// Comments of a package by author.
fn authors(bytes: &[u8]) -> BTreeMap<String, usize> {
    let xml = part(bytes, "word/comments.xml");
    let mut out = BTreeMap::new();
    for piece in xml.split("<w:comment ").skip(1) {
        let author = piece.split("w:author=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or("").to_owned();
        *out.entry(author).or_insert(0) += 1;
    }
    out
}

/// The parts the copy may change.
const CHANGED: &[&str] =
    &["word/document.xml", "word/comments.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"];

fn annotate(dir: &Path, plan: &Path, out: &str) -> PathBuf {
    let (code, stdout, stderr) = planlint_in(dir, &["annotate", plan.to_str().unwrap(), "--output-dir", out], None);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let name = plan.file_stem().unwrap().to_string_lossy().trim_end_matches(".planlint").to_owned();
    dir.join(out).join(format!("{name}.planlint.docx"))
}

#[test]
fn copies_keep_the_package_and_the_text_and_do_not_pile_up() {
    let dir = scratch("annotate-package");
    for plan in plans().into_iter().chain([root().join("fixtures/docx/comments.docx")]) {
        let original = std::fs::read(&plan).unwrap();
        let copy_path = annotate(&dir, &plan, "once");
        assert_eq!(std::fs::read(&plan).unwrap(), original, "the original was written");
        let copy = std::fs::read(&copy_path).unwrap();

        // Every other entry is the same, in the same order; new entries only where allowed.
        let before = entries(&original);
        let after = entries(&copy);
        let after_map: BTreeMap<_, _> = after.iter().cloned().collect();
        for (name, content) in &before {
            if !CHANGED.contains(&name.as_str()) {
                assert_eq!(after_map.get(name), Some(content), "{}: {name}", plan.display());
            }
        }
        for (name, _) in &after {
            assert!(before.iter().any(|(n, _)| n == name) || CHANGED.contains(&name.as_str()), "{name}");
        }

        // The text reads the same: the runs were split, not changed.
        let text = |b: &[u8]| read(b, &Limits::default()).unwrap().to_text();
        assert_eq!(text(&copy), text(&original), "{}", plan.display());

        // One comment per finding, the document's own comments kept.
        let (_, json, _) = planlint_in(&dir, &["check", plan.to_str().unwrap(), "--format", "json"], None);
        let findings = json.matches("\"code\":").count();
        let mut expected = authors(&original);
        if findings > 0 {
            expected.insert("planlint".into(), findings);
        }
        assert_eq!(authors(&copy), expected, "{}", plan.display());

        // Annotating the copy again replaces planlint's comments.
        let again = std::fs::read(annotate(&dir, &copy_path, "twice")).unwrap();
        assert_eq!(authors(&again), expected);
        assert_eq!(text(&again), text(&original));
        let xml = part(&again, "word/document.xml");
        assert_eq!(xml.matches("<w:commentRangeStart ").count(), xml.matches("<w:commentReference ").count());
    }
}

#[test]
fn text_plans_are_refused_with_a_pointer_to_the_report() {
    let dir = scratch("annotate-text");
    let plan = root().join("fixtures/real/02-yte-daklak-phong-chong-dich-sau-lu.md");
    let (code, out, err) = planlint_in(&dir, &["annotate", plan.to_str().unwrap()], None);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("chỉ ghi nhận xét được vào tệp Word (.docx)"), "{err}");
}

/// `soffice`, or `None` (skip) outside CI.
fn soffice() -> Option<()> {
    let found = Command::new("sh").arg("-c").arg("command -v soffice").output().is_ok_and(|o| o.status.success());
    if found {
        return Some(());
    }
    assert!(std::env::var("CI").is_err(), "soffice is missing: .ci/run installs libreoffice-writer");
    eprintln!("soffice not found: LibreOffice test skipped");
    None
}

/// The comments LibreOffice reads in a file: (author, anchored text, first words of the comment).
fn libreoffice_comments(dir: &Path, docx: &Path) -> Vec<(String, String, String)> {
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    let out = Command::new("soffice")
        .args(["--headless", "--norestore", &profile, "--convert-to", "fodt", "--outdir"])
        .arg(dir.join("lo"))
        .arg(docx)
        .output()
        .unwrap();
    let fodt = dir.join("lo").join(docx.with_extension("fodt").file_name().unwrap());
    let xml =
        std::fs::read_to_string(&fodt).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let strip = |s: &str| {
        let mut out = String::new();
        let mut tag = false;
        for c in s.chars() {
            match c {
                '<' => tag = true,
                '>' => tag = false,
                c if !tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let mut found = Vec::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<office:annotation office:name=\"") {
        rest = &rest[i..];
        let name = rest["<office:annotation office:name=\"".len()..].split('"').next().unwrap().to_owned();
        let close = rest.find("</office:annotation>").unwrap();
        let body = &rest[..close];
        let author = body.split("<dc:creator>").nth(1).and_then(|r| r.split('<').next()).unwrap_or("").to_owned();
        let text = strip(body.split("</dc:date>").nth(1).unwrap_or(body));
        // After the initials.
        let text = text.find('[').map_or(text.as_str(), |i| &text[i..]).to_owned();
        let after = &rest[close..];
        let end = after.find(&format!("<office:annotation-end office:name=\"{name}\"")).unwrap_or(0);
        found.push((author, strip(&after[..end]), text.chars().take(60).collect()));
        rest = &rest[close..];
    }
    found
}

#[test]
fn libreoffice_reads_the_comments_on_their_text() {
    if soffice().is_none() {
        return;
    }
    let dir = scratch("annotate-libreoffice");
    let plan = root().join("fixtures/docx/real/lamdong-kh-cchc-2026-2030.docx");
    let copy = annotate(&dir, &plan, "out");
    let comments = libreoffice_comments(&dir, &copy);
    let (_, json, _) = planlint_in(&dir, &["check", plan.to_str().unwrap(), "--format", "json"], None);
    assert_eq!(comments.len(), json.matches("\"code\":").count());
    assert!(comments.iter().all(|(author, _, _)| author == "planlint"));
    // The citation the finding is about, exactly.
    assert!(
        comments.iter().any(|(_, anchored, text)| anchored == "118/2025/NĐ-CP" && text.starts_with("[L101]")),
        "{comments:#?}"
    );
    insta::assert_debug_snapshot!(comments.iter().take(12).collect::<Vec<_>>());

    // A document with a comment of its own keeps it.
    let copy = annotate(&dir, &root().join("fixtures/docx/comments.docx"), "out");
    let authors: Vec<String> = libreoffice_comments(&dir, &copy).into_iter().map(|(a, _, _)| a).collect();
    assert!(authors.iter().any(|a| a == "planlint"), "{authors:?}");
    assert!(authors.iter().any(|a| a != "planlint"), "{authors:?}");
}

#[test]
fn a_folder_is_walked_for_word_plans_not_for_copies() {
    let dir = scratch("annotate-folder");
    let plans = dir.join("ke-hoach");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::copy(
        root().join("fixtures/docx/real/phobang-tieuban-kh-tuyentruyen-baucu-2025.docx"),
        plans.join("a.docx"),
    )
    .unwrap();
    std::fs::copy(root().join("fixtures/docx/tables.docx"), plans.join("b.planlint.docx")).unwrap();
    std::fs::write(plans.join("ghi-chu.md"), "không phải kế hoạch\n").unwrap();
    // What `.gitignore` lists is left out, as `check` leaves it out.
    std::fs::create_dir_all(plans.join("cu")).unwrap();
    std::fs::copy(root().join("fixtures/docx/tables.docx"), plans.join("cu/c.docx")).unwrap();
    std::fs::write(plans.join(".gitignore"), "cu/\n").unwrap();
    let (code, out, err) = planlint_in(&dir, &["annotate", "ke-hoach", "--output-dir", "gop-y"], None);
    assert_eq!(code, 0, "{err}");
    // Only the plan is annotated (the election sub-committee's plan has no finding today).
    assert_eq!(out, "gop-y/a.planlint.docx: 0 nhận xét (0 gắn vào đoạn đầu vì không có vị trí riêng)\n");
}

/// `paragraph_offset` finds every shown paragraph's text in the text rendering (body, layout
/// columns, table cells, notes): what a caller that has paragraph places (the JSON output for
/// Word plans) needs to anchor comments.
#[test]
fn paragraph_places_lead_back_to_the_text() {
    for plan in plans().into_iter().chain(
        ["tables.docx", "header-table.docx", "notes.docx", "numbering.docx"]
            .map(|f| root().join("fixtures/docx").join(f)),
    ) {
        let doc = read(&std::fs::read(&plan).unwrap(), &Limits::default()).unwrap();
        let (text, _) = doc.to_text();
        let mut checked = 0;
        for p in doc.paragraphs() {
            let shown = p.line_text();
            if shown.trim().is_empty() || shown.starts_with(char::is_whitespace) {
                continue;
            }
            let Some(offset) = planlint::annotate::paragraph_offset(&doc, p.ordinal, 1) else { continue };
            let head: String = shown.chars().take(12).collect();
            assert!(
                text[offset..].starts_with(head.trim_end()),
                "{}: paragraph {} `{head}`",
                plan.display(),
                p.ordinal
            );
            // The third character.
            let third = planlint::annotate::paragraph_offset(&doc, p.ordinal, 3).unwrap();
            let skip: usize = shown.chars().take(2).map(char::len_utf8).sum();
            assert_eq!(third, (offset + skip).min(text.len()), "{}", plan.display());
            checked += 1;
        }
        assert!(checked > 0, "{}", plan.display());
    }
}
