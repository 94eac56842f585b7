//! Findings as Word comments: a copy of a `.docx` with one comment per finding, anchored on the
//! text the finding is about.
//!
//! [`annotate`] is a pure function: the original package's bytes and the findings (located in the
//! text rendering of [`crate::docx`], as every finding on a Word file is) give the bytes of the
//! copy. The copy differs from the original in three parts only, `word/document.xml` (the comment
//! ranges and references, a run split where a finding starts or ends inside it),
//! `word/comments.xml` (created when missing) and, when the document had no comments,
//! its relationships and `[Content_Types].xml`; every other entry is copied byte for byte,
//! compressed data included. Comments already there are kept; comments by [`AUTHOR`] are
//! replaced, so annotating an annotated copy does not pile them up.
//!
//! A finding is anchored on its paragraph (a body paragraph, a cell's, a layout column's): the
//! paragraph of the reader is found again in `document.xml` by its text. When the text there does
//! not read the same (a symbol character, decomposed accents), the comment covers the whole
//! paragraph; a finding with no place in a paragraph (a missing section) is anchored on the
//! document's first paragraph.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read, Write};
use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use unicode_normalization::UnicodeNormalization;

use crate::docx::{Limits, Location, WordDocument};
use crate::lang::Lang;
use crate::source::LineIndex;

/// The author of the comments planlint writes (and replaces when it annotates again).
pub const AUTHOR: &str = "planlint";

/// The initials shown beside them.
const INITIALS: &str = "PL";

const COMMENTS_TYPE: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";

/// One finding to write as a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The rule code (`T101`).
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it (may be empty).
    pub help: String,
    /// Byte offsets in the document's text rendering ([`WordDocument::to_text`]).
    pub span: Range<usize>,
}

impl From<&crate::output::Record> for Note {
    fn from(r: &crate::output::Record) -> Self {
        Self { code: r.code.clone(), message: r.message.clone(), help: r.help.clone(), span: r.span.clone() }
    }
}

/// The annotated copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotated {
    /// The package's bytes.
    pub bytes: Vec<u8>,
    /// Comments written.
    pub comments: usize,
    /// Of them, those anchored on the first paragraph for want of a place of their own.
    pub unplaced: usize,
    /// Comments of an earlier annotation removed.
    pub replaced: usize,
}

/// Why a copy cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum AnnotateError {
    /// The document cannot be read.
    #[error(transparent)]
    Docx(#[from] crate::docx::DocxError),
    /// The package cannot be rewritten.
    #[error("the Word package cannot be rewritten: {0}")]
    Zip(String),
    /// A part's XML cannot be rewritten.
    #[error("{part}: the XML cannot be rewritten: {detail}")]
    Xml {
        /// The part.
        part: String,
        /// What went wrong.
        detail: String,
    },
}

impl AnnotateError {
    /// The message in a language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AnnotateError::Docx(e) => e.message_in(lang),
            AnnotateError::Zip(d) if !lang.is_en() => format!("không ghi lại được tệp Word (chi tiết kỹ thuật: {d})"),
            AnnotateError::Xml { part, detail } if !lang.is_en() => {
                format!("không ghi lại được phần {part} của tệp Word (chi tiết kỹ thuật: {detail})")
            }
            e => e.to_string(),
        }
    }
}

fn zip_err(e: impl std::fmt::Display) -> AnnotateError {
    AnnotateError::Zip(e.to_string())
}

fn xml_err(part: &str, e: impl std::fmt::Display) -> AnnotateError {
    AnnotateError::Xml { part: part.to_owned(), detail: e.to_string() }
}

/// Where a comment goes: a reader paragraph and a byte range of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    ordinal: usize,
    range: Range<usize>,
}

/// The largest char boundary of `s` at or below `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The paragraph and range a span of the text rendering falls in.
fn target(doc: &WordDocument, text: &str, lines: &LineIndex, locs: &[Location], span: &Range<usize>) -> Option<Target> {
    let line = lines.line_index(span.start);
    let line_start = lines.line_start(line + 1)?;
    let line_end = text.get(line_start..).and_then(|r| r.find('\n')).map_or(text.len(), |i| line_start + i);
    let start = span.start.saturating_sub(line_start);
    let end = span.end.min(line_end).saturating_sub(line_start).max(start);
    let paragraphs = doc.paragraphs();
    let within = |ordinal: usize, skip: usize, start: usize, end: usize| {
        let p = paragraphs.get(ordinal)?;
        let s = floor(&p.text, start.saturating_sub(skip));
        let e = floor(&p.text, end.saturating_sub(skip)).max(s);
        Some(Target { ordinal, range: s..e })
    };
    match locs.get(line)? {
        Location::Gap => None,
        Location::Paragraph { ordinal, text_start } | Location::ColumnParagraph { ordinal, text_start, .. } => {
            within(*ordinal, *text_start, start, end)
        }
        loc @ Location::Row { table, row, .. } => {
            let cell_span = loc.cell_at(start)?;
            let cell = doc.tables().get(*table)?.rows.get(*row)?.cells.get(cell_span.cell)?;
            // The cell's text in the line: its paragraphs (number first), trimmed, joined by a space.
            let at = start.saturating_sub(cell_span.range.start);
            let until = end.saturating_sub(cell_span.range.start);
            let mut acc = 0;
            for p in cell.paragraphs() {
                let mut shown = String::new();
                if let Some(n) = &p.numbering {
                    shown.push_str(n);
                    shown.push(' ');
                }
                let number = shown.len();
                shown.push_str(&p.line_text());
                let lead = shown.len() - shown.trim_start().len();
                let len = shown.trim().len();
                if len == 0 {
                    continue;
                }
                if at <= acc + len {
                    let skip = (number.saturating_sub(lead)).saturating_add(acc);
                    let skip = skip.max(acc);
                    let end = until.min(acc + len);
                    return within(p.ordinal, skip, at, end);
                }
                acc += len + 1;
            }
            None
        }
    }
}

/// The byte offset in the text rendering ([`WordDocument::to_text`]) of a character of a
/// paragraph: `ordinal` 0-based, `column` 1-based in characters of the paragraph's text. For
/// callers that locate findings by paragraph (as the JSON output does for Word plans) rather
/// than by span. `None` for a paragraph the rendering does not show (an empty one).
pub fn paragraph_offset(doc: &WordDocument, ordinal: usize, column: usize) -> Option<usize> {
    let (text, locs) = doc.to_text();
    let paragraphs = doc.paragraphs();
    let p = paragraphs.get(ordinal)?;
    let in_text = p.text.char_indices().nth(column.saturating_sub(1)).map_or(p.text.len(), |(i, _)| i);
    let mut line_start = 0;
    for (line, loc) in text.split('\n').zip(&locs) {
        let here = match loc {
            Location::Paragraph { ordinal: o, text_start }
            | Location::ColumnParagraph { ordinal: o, text_start, .. }
                if *o == ordinal =>
            {
                Some(text_start + in_text)
            }
            Location::Row { table, row, cells } => {
                let row = doc.tables().get(*table).and_then(|t| t.rows.get(*row));
                cells.iter().find_map(|span| {
                    let cell = row?.cells.get(span.cell)?;
                    // The cell's paragraphs as the line shows them: number first, trimmed,
                    // joined by a space.
                    let mut acc = span.range.start;
                    for q in cell.paragraphs() {
                        let mut shown = String::new();
                        if let Some(n) = &q.numbering {
                            shown.push_str(n);
                            shown.push(' ');
                        }
                        let number = shown.len();
                        shown.push_str(&q.line_text());
                        let lead = shown.len() - shown.trim_start().len();
                        let len = shown.trim().len();
                        if q.ordinal == ordinal {
                            return Some(acc + (number + in_text).saturating_sub(lead));
                        }
                        if len > 0 {
                            acc += len + 1;
                        }
                    }
                    None
                })
            }
            _ => None,
        };
        if let Some(offset) = here {
            return Some(line_start + offset.min(line.len()));
        }
        line_start += line.len() + 1;
    }
    None
}

/// Write the annotated copy of a Word package.
///
/// # Errors
/// [`AnnotateError`] when the package cannot be read (as [`crate::docx::read`] refuses it) or
/// rewritten.
pub fn annotate(original: &[u8], notes: &[Note], lang: Lang) -> Result<Annotated, AnnotateError> {
    let doc = crate::docx::read(original, &Limits::default())?;
    let (text, locs) = doc.to_text();
    let lines = LineIndex::new(&text);
    let mut zip = zip::ZipArchive::new(Cursor::new(original)).map_err(zip_err)?;
    let names = parts(&mut zip)?;

    // The comments already there: planlint's are replaced, ids go on after the largest.
    let old_comments = match &names.comments {
        Some(name) => read_part(&mut zip, name)?,
        None => None,
    };
    let (removed, next_id) = match &old_comments {
        Some(xml) => existing(xml, names.comments.as_deref().unwrap_or_default())?,
        None => (HashSet::new(), 0),
    };

    // The targets, then the paragraphs of document.xml they are in.
    let document = read_part(&mut zip, &names.document)?.ok_or_else(|| xml_err(&names.document, "missing"))?;
    let texts = rewrite(&document, &names.document, &HashMap::new(), &removed)?.1;
    let mut by_ordinal: HashMap<usize, usize> = HashMap::new();
    let mut cursor = 0;
    for p in doc.paragraphs() {
        if p.note.is_some() {
            continue;
        }
        let found = texts.iter().enumerate().skip(cursor).take(200).find(|(_, t)| t.nfc().eq(p.text.chars()));
        if let Some((j, _)) = found {
            by_ordinal.insert(p.ordinal, j);
            cursor = j + 1;
        }
    }
    let mut markers: HashMap<usize, Vec<Marker>> = HashMap::new();
    let mut comments = String::new();
    let mut unplaced = 0;
    let first = texts.iter().position(|t| !t.trim().is_empty()).unwrap_or(0);
    for (i, note) in notes.iter().enumerate() {
        let id = next_id + i;
        let place = target(&doc, &text, &lines, &locs, &note.span)
            .and_then(|t| by_ordinal.get(&t.ordinal).map(|&j| (j, t.range)));
        let (para, range) = match place {
            Some((j, range)) => {
                // Offsets hold only where the XML reads exactly as the reader's text.
                let exact = texts.get(j).is_some_and(|t| t.nfc().eq(t.chars()));
                (j, if exact { range } else { 0..usize::MAX })
            }
            None => {
                unplaced += 1;
                (first, 0..usize::MAX)
            }
        };
        let list = markers.entry(para).or_default();
        list.push(Marker { offset: range.start, end: false, id });
        list.push(Marker { offset: range.end, end: true, id });
        comments.push_str(&comment_xml(id, note, lang));
    }
    let (new_document, _) = rewrite(&document, &names.document, &markers, &removed)?;

    let comments_name = names.comments.clone().unwrap_or_else(|| sibling(&names.document, "comments.xml"));
    let new_comments = match &old_comments {
        Some(xml) => merge_comments(xml, &comments_name, &comments)?,
        None => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{comments}</w:comments>"
        )
        .into_bytes(),
    };
    let mut replaced: HashMap<String, Vec<u8>> = HashMap::new();
    replaced.insert(names.document.clone(), new_document);
    replaced.insert(comments_name.clone(), new_comments);
    if names.comments.is_none() {
        let rels = read_part(&mut zip, &names.document_rels)?;
        replaced.insert(names.document_rels.clone(), add_relationship(rels.as_deref()));
        let types =
            read_part(&mut zip, "[Content_Types].xml")?.ok_or_else(|| xml_err("[Content_Types].xml", "missing"))?;
        replaced.insert("[Content_Types].xml".to_owned(), add_override(&types, &comments_name));
    }

    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(original.len() + 4096)));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut written = HashSet::new();
    for i in 0..zip.len() {
        let file = zip.by_index_raw(i).map_err(zip_err)?;
        let name = file.name().to_owned();
        if let Some(bytes) = replaced.get(&name) {
            drop(file);
            out.start_file(name.as_str(), options).map_err(zip_err)?;
            out.write_all(bytes).map_err(zip_err)?;
            written.insert(name);
        } else {
            out.raw_copy_file(file).map_err(zip_err)?;
        }
    }
    let mut new_parts: Vec<(&String, &Vec<u8>)> = replaced.iter().filter(|(n, _)| !written.contains(*n)).collect();
    new_parts.sort();
    for (name, bytes) in new_parts {
        out.start_file(name.as_str(), options).map_err(zip_err)?;
        out.write_all(bytes).map_err(zip_err)?;
    }
    let bytes = out.finish().map_err(zip_err)?.into_inner();
    Ok(Annotated { bytes, comments: notes.len(), unplaced, replaced: removed.len() })
}

/// The parts the copy changes.
struct Parts {
    document: String,
    document_rels: String,
    comments: Option<String>,
}

/// A part's name next to another (`word/comments.xml` next to `word/document.xml`).
fn sibling(part: &str, name: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{name}"),
        None => name.to_owned(),
    }
}

/// A relationship target resolved against the part that has it.
fn resolve(from: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_owned();
    }
    let mut dir: Vec<&str> = from.rsplit_once('/').map(|(d, _)| d.split('/').collect()).unwrap_or_default();
    for seg in target.split('/') {
        match seg {
            ".." => {
                dir.pop();
            }
            "." | "" => {}
            s => dir.push(s),
        }
    }
    dir.join("/")
}

fn parts(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<Parts, AnnotateError> {
    let root = read_part(zip, "_rels/.rels")?.unwrap_or_default();
    let document = relationships(&root, "_rels/.rels")?
        .into_iter()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, t)| resolve("", &t))
        .unwrap_or_else(|| "word/document.xml".to_owned());
    let (dir, file) = document.rsplit_once('/').unwrap_or(("", document.as_str()));
    let document_rels = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
    let rels = read_part(zip, &document_rels)?.unwrap_or_default();
    let comments = relationships(&rels, &document_rels)?
        .into_iter()
        .find(|(kind, _)| kind == COMMENTS_TYPE)
        .map(|(_, t)| resolve(&document, &t));
    Ok(Parts { document, document_rels, comments })
}

/// `(Type, Target)` of each relationship of a `.rels` part.
fn relationships(xml: &[u8], part: &str) -> Result<Vec<(String, String)>, AnnotateError> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event().map_err(|e| xml_err(part, e))? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                out.push((attr(&e, b"Type").unwrap_or_default(), attr(&e, b"Target").unwrap_or_default()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// A part's bytes, bounded by the limits the reader applied to the same package.
fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<Vec<u8>>, AnnotateError> {
    let Some(index) = zip.index_for_name(name) else { return Ok(None) };
    let file = zip.by_index(index).map_err(zip_err)?;
    let mut out = Vec::new();
    file.take(Limits::MAX_TOTAL_UNCOMPRESSED).read_to_end(&mut out).map_err(zip_err)?;
    Ok(Some(out))
}

/// The ids of planlint's comments, and the first id free after every comment's.
fn existing(xml: &[u8], part: &str) -> Result<(HashSet<String>, usize), AnnotateError> {
    let mut reader = Reader::from_reader(xml);
    let mut ours = HashSet::new();
    let mut next = 0;
    loop {
        match reader.read_event().map_err(|e| xml_err(part, e))? {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:comment" => {
                let id = attr(&e, b"w:id").unwrap_or_default();
                if let Ok(n) = id.parse::<usize>() {
                    next = next.max(n + 1);
                }
                if attr(&e, b"w:author").as_deref() == Some(AUTHOR) {
                    ours.insert(id);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((ours, next))
}

/// One `w:comment`: the code and message, then the help.
fn comment_xml(id: usize, note: &Note, lang: Lang) -> String {
    let para = |text: &str, first: bool| {
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"CommentText\"/></w:pPr>{}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            if first {
                "<w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:annotationRef/></w:r>"
            } else {
                ""
            },
            crate::xml::text_dropping(text)
        )
    };
    let mut out = format!("<w:comment w:id=\"{id}\" w:author=\"{AUTHOR}\" w:initials=\"{INITIALS}\">");
    out.push_str(&para(&format!("[{}] {}", note.code, note.message), true));
    if !note.help.trim().is_empty() {
        let label = lang.pick("Cách sửa", "How to fix");
        out.push_str(&para(&format!("{label}: {}", note.help), false));
    }
    out.push_str("</w:comment>");
    out
}

/// An existing `comments.xml` without planlint's comments, with the new ones at its end.
fn merge_comments(xml: &[u8], part: &str, new: &str) -> Result<Vec<u8>, AnnotateError> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::with_capacity(xml.len() + new.len());
    let mut skip_depth = 0usize;
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| xml_err(part, e))?;
        let after = reader.buffer_position();
        let raw =
            xml.get(usize::try_from(before).unwrap_or(0)..usize::try_from(after).unwrap_or(0)).unwrap_or_default();
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                depth += 1;
                if skip_depth == 0
                    && e.name().as_ref() == b"w:comment"
                    && attr(&e, b"w:author").as_deref() == Some(AUTHOR)
                {
                    skip_depth = depth;
                }
                if skip_depth == 0 {
                    out.extend_from_slice(raw);
                }
            }
            Event::End(e) => {
                if skip_depth == 0 && e.name().as_ref() == b"w:comments" {
                    out.extend_from_slice(new.as_bytes());
                }
                if skip_depth == 0 {
                    out.extend_from_slice(raw);
                }
                if skip_depth == depth {
                    skip_depth = 0;
                }
                depth = depth.saturating_sub(1);
            }
            Event::Empty(e) => {
                let ours = e.name().as_ref() == b"w:comment" && attr(&e, b"w:author").as_deref() == Some(AUTHOR);
                if e.name().as_ref() == b"w:comments" {
                    // An empty list: open it, add, close it.
                    let open = String::from_utf8_lossy(raw).trim_end_matches("/>").to_owned();
                    out.extend_from_slice(format!("{open}>{new}</w:comments>").as_bytes());
                } else if skip_depth == 0 && !ours {
                    out.extend_from_slice(raw);
                }
            }
            _ => {
                if skip_depth == 0 {
                    out.extend_from_slice(raw);
                }
            }
        }
    }
    Ok(out)
}

/// The document's relationships with one to `comments.xml`.
fn add_relationship(rels: Option<&[u8]>) -> Vec<u8> {
    let rel = format!("<Relationship Id=\"rIdPlanlintComments\" Type=\"{COMMENTS_TYPE}\" Target=\"comments.xml\"/>");
    let text = rels.map(String::from_utf8_lossy).unwrap_or_default();
    match text.rfind("</Relationships>") {
        Some(i) => format!("{}{rel}{}", text.get(..i).unwrap_or_default(), text.get(i..).unwrap_or_default()).into_bytes(),
        None => format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rel}</Relationships>"
        )
        .into_bytes(),
    }
}

/// `[Content_Types].xml` with the type of the comments part.
fn add_override(types: &[u8], part: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(types);
    let entry = format!("<Override PartName=\"/{part}\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/>");
    match text.rfind("</Types>") {
        Some(i) => {
            format!("{}{entry}{}", text.get(..i).unwrap_or_default(), text.get(i..).unwrap_or_default()).into_bytes()
        }
        None => types.to_vec(),
    }
}

/// A comment's start or end in a paragraph's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    offset: usize,
    end: bool,
    id: usize,
}

/// Elements inside a run that hold paragraphs of their own or drawings: the run is copied whole
/// and counts for no text.
const OPAQUE: &[&[u8]] =
    &[b"w:txbxContent", b"w:p", b"mc:AlternateContent", b"w:drawing", b"w:pict", b"w:object", b"w:fldData"];

/// One piece of a run's content.
enum Item {
    /// A `w:t`: its start tag and text; the text counts when visible.
    Text { tag: Vec<u8>, text: String, visible: bool },
    /// A tab, a break, a non-breaking hyphen: one character when visible.
    Char { raw: Vec<u8>, c: char, visible: bool },
    /// Anything else: no text.
    Other(Vec<u8>),
}

impl Item {
    fn len(&self) -> usize {
        match self {
            Item::Text { text, visible: true, .. } => text.len(),
            Item::Char { c, visible: true, .. } => c.len_utf8(),
            _ => 0,
        }
    }
}

/// The state of the rewrite of `document.xml`.
struct Rewrite<'a> {
    out: Vec<u8>,
    /// The paragraphs' text as read here (to match the reader's).
    texts: Vec<String>,
    /// Open fields: `true` while in the field's code.
    fields: Vec<bool>,
    removed: &'a HashSet<String>,
}

/// Rewrite `document.xml` with comment markers at byte offsets of its top-level paragraphs'
/// text (by index among them); returns the part and each paragraph's text.
fn rewrite(
    xml: &[u8],
    part: &str,
    markers: &HashMap<usize, Vec<Marker>>,
    removed: &HashSet<String>,
) -> Result<(Vec<u8>, Vec<String>), AnnotateError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut w = Rewrite { out: Vec::with_capacity(xml.len() + 1024), texts: Vec::new(), fields: Vec::new(), removed };
    let raw = |from: u64, to: u64| -> &[u8] {
        xml.get(usize::try_from(from).unwrap_or(0)..usize::try_from(to).unwrap_or(0)).unwrap_or_default()
    };
    let mut depth = 0usize;
    // In a paragraph: its depth, position, text and pending markers.
    let mut para: Option<(usize, usize, String, Vec<Marker>)> = None;
    loop {
        let before = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| xml_err(part, e))?;
        let after = reader.buffer_position();
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                depth += 1;
                let name = e.name();
                match (&mut para, name.as_ref()) {
                    (None, b"w:p") => {
                        let mut m = markers.get(&w.texts.len()).cloned().unwrap_or_default();
                        m.sort_by_key(|m| (m.offset, m.end, m.id));
                        para = Some((depth, 0, String::new(), m));
                        w.out.extend_from_slice(raw(before, after));
                    }
                    (Some((_, pos, text, pending)), b"w:r") => {
                        // The whole run, then its pieces.
                        let end = element_end(&mut reader, part)?;
                        depth -= 1;
                        let run = raw(before, end);
                        w.run(run, part, pos, text, pending)?;
                    }
                    (Some(_), b"w:del" | b"w:moveFrom") => {
                        let end = element_end(&mut reader, part)?;
                        depth -= 1;
                        w.out.extend_from_slice(raw(before, end));
                    }
                    _ => w.out.extend_from_slice(raw(before, after)),
                }
            }
            Event::End(_) => {
                if let Some((d, _, _, _)) = &para
                    && *d == depth
                    && let Some((_, _, text, pending)) = para.take()
                {
                    w.flush(&pending);
                    w.texts.push(text);
                }
                w.out.extend_from_slice(raw(before, after));
                depth = depth.saturating_sub(1);
            }
            Event::Empty(e) => {
                let name = e.name();
                let ours = matches!(name.as_ref(), b"w:commentRangeStart" | b"w:commentRangeEnd")
                    && attr(&e, b"w:id").is_some_and(|id| removed.contains(&id));
                if !ours {
                    w.out.extend_from_slice(raw(before, after));
                }
            }
            _ => w.out.extend_from_slice(raw(before, after)),
        }
    }
    Ok((w.out, w.texts))
}

/// Read to the end of the element just started; the offset after its end tag.
fn element_end(reader: &mut Reader<&[u8]>, part: &str) -> Result<u64, AnnotateError> {
    let mut depth = 1usize;
    loop {
        match reader.read_event().map_err(|e| xml_err(part, e))? {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return Ok(reader.buffer_position());
                }
            }
            Event::Eof => return Err(xml_err(part, "cut short")),
            _ => {}
        }
    }
}

impl Rewrite<'_> {
    /// Write every marker left at the end of a paragraph.
    fn flush(&mut self, pending: &[Marker]) {
        for m in pending {
            self.marker(*m);
        }
    }

    fn marker(&mut self, m: Marker) {
        if m.end {
            let _ = write!(
                self.out,
                "<w:commentRangeEnd w:id=\"{0}\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"{0}\"/></w:r>",
                m.id
            );
        } else {
            let _ = write!(self.out, "<w:commentRangeStart w:id=\"{}\"/>", m.id);
        }
    }

    /// A run: copied whole, or split where markers fall inside it, markers written between.
    fn run(
        &mut self,
        run: &[u8],
        part: &str,
        pos: &mut usize,
        text: &mut String,
        pending: &mut Vec<Marker>,
    ) -> Result<(), AnnotateError> {
        let mut reader = Reader::from_reader(run);
        reader.config_mut().trim_text(false);
        let raw = |from: u64, to: u64| -> Vec<u8> {
            run.get(usize::try_from(from).unwrap_or(0)..usize::try_from(to).unwrap_or(0)).unwrap_or_default().to_vec()
        };
        let mut open = Vec::new();
        let mut props = Vec::new();
        let mut hidden = false;
        let mut items = Vec::new();
        let mut depth = 0usize;
        // Whether a reference to a removed comment was left out.
        let mut dropped = false;
        loop {
            let before = reader.buffer_position();
            let ev = reader.read_event().map_err(|e| xml_err(part, e))?;
            let after = reader.buffer_position();
            let code = self.fields.last().copied().unwrap_or(false);
            match ev {
                Event::Eof => break,
                Event::Start(e) if depth == 0 => {
                    depth = 1;
                    open = raw(before, after);
                    let _ = e;
                }
                Event::Start(e) if OPAQUE.contains(&e.name().as_ref()) => {
                    // A drawing or text box: the run is copied as it is.
                    self.emit_due(pending, *pos);
                    self.out.extend_from_slice(run);
                    return Ok(());
                }
                Event::Start(e) if e.name().as_ref() == b"w:rPr" => {
                    let end = element_end(&mut reader, part)?;
                    let body = raw(before, end);
                    hidden = vanishes(&body);
                    props = body;
                }
                Event::Start(e) if e.name().as_ref() == b"w:t" => {
                    let tag = raw(before, after);
                    let mut t = String::new();
                    loop {
                        match reader.read_event().map_err(|e| xml_err(part, e))? {
                            Event::Text(x) => t.push_str(&x.xml10_content().map_err(|e| xml_err(part, e))?),
                            Event::CData(x) => t.push_str(&x.xml10_content().map_err(|e| xml_err(part, e))?),
                            Event::GeneralRef(r) => {
                                if let Ok(Some(c)) = r.resolve_char_ref() {
                                    t.push(c);
                                } else {
                                    let name = r.decode().map_err(|e| xml_err(part, e))?;
                                    t.push_str(quick_xml::escape::resolve_predefined_entity(&name).unwrap_or_default());
                                }
                            }
                            Event::End(_) | Event::Eof => break,
                            _ => {}
                        }
                    }
                    items.push(Item::Text { tag, text: t, visible: !hidden && !code });
                }
                Event::Start(_) => {
                    let end = element_end(&mut reader, part)?;
                    items.push(Item::Other(raw(before, end)));
                }
                Event::Empty(e) => {
                    let name = e.name();
                    let visible = !hidden && !code;
                    let c = match name.as_ref() {
                        b"w:tab" | b"w:ptab" => Some('\t'),
                        b"w:br" | b"w:cr" => Some('\n'),
                        b"w:noBreakHyphen" => Some('-'),
                        b"w:fldChar" => {
                            match attr(&e, b"w:fldCharType").as_deref() {
                                Some("begin") => self.fields.push(true),
                                Some("separate") => {
                                    if let Some(top) = self.fields.last_mut() {
                                        *top = false;
                                    }
                                }
                                Some("end") => {
                                    self.fields.pop();
                                }
                                _ => {}
                            }
                            None
                        }
                        _ => None,
                    };
                    let ours = name.as_ref() == b"w:commentReference"
                        && attr(&e, b"w:id").is_some_and(|id| self.removed.contains(&id));
                    match c {
                        Some(c) => items.push(Item::Char { raw: raw(before, after), c, visible }),
                        None if ours => dropped = true,
                        None => items.push(Item::Other(raw(before, after))),
                    }
                }
                Event::End(_) => break,
                _ => items.push(Item::Other(raw(before, after))),
            }
        }
        if items.is_empty() && !props.is_empty() && run_had_reference(run, self.removed) {
            // An earlier annotation's reference run: gone with its comment.
            return Ok(());
        }
        let start = *pos;
        let total: usize = items.iter().map(Item::len).sum();
        let end = start + total;
        for item in &items {
            match item {
                Item::Text { text: t, visible: true, .. } => text.push_str(t),
                Item::Char { c, visible: true, .. } => text.push(*c),
                _ => {}
            }
        }
        // Cuts: markers strictly inside the run.
        let mut cuts: Vec<usize> = pending.iter().map(|m| m.offset).filter(|&o| o > start && o < end).collect();
        cuts.sort_unstable();
        cuts.dedup();
        if cuts.is_empty() && !dropped {
            // Nothing inside: the run as it was.
            self.emit_due(pending, start);
            self.out.extend_from_slice(run);
            *pos = end;
            return Ok(());
        }
        let mut bounds = vec![start];
        bounds.extend(cuts);
        bounds.push(end);
        let segments: Vec<(usize, usize)> = bounds.windows(2).filter_map(|w| Some((*w.first()?, *w.get(1)?))).collect();
        let last = segments.len().saturating_sub(1);
        for (k, &(a, b)) in segments.iter().enumerate() {
            self.emit_due(pending, a);
            self.out.extend_from_slice(&open);
            self.out.extend_from_slice(&props);
            let mut at = start;
            for item in &items {
                let len = item.len();
                let (from, to) = (at, at + len);
                at = to;
                let placed_here = (from >= a && from < b) || (k == last && from >= b);
                match item {
                    Item::Text { tag, text: t, .. } if len > 0 => {
                        let (s, e) = (from.max(a), to.min(b));
                        if s < e {
                            self.text_element(tag, t.get(s - from..e - from).unwrap_or_default());
                        }
                    }
                    Item::Text { tag, text: t, .. } => {
                        if placed_here {
                            self.text_element(tag, t);
                        }
                    }
                    Item::Char { raw, .. } if len > 0 => {
                        if from >= a && from < b {
                            self.out.extend_from_slice(raw);
                        }
                    }
                    Item::Char { raw, .. } | Item::Other(raw) => {
                        if placed_here {
                            self.out.extend_from_slice(raw);
                        }
                    }
                }
            }
            self.out.extend_from_slice(b"</w:r>");
        }
        *pos = end;
        Ok(())
    }

    /// Write the markers due at `offset`, removing them from `pending`.
    fn emit_due(&mut self, pending: &mut Vec<Marker>, offset: usize) {
        let (due, rest): (Vec<Marker>, Vec<Marker>) = pending.iter().partition(|m| m.offset <= offset);
        for m in due {
            self.marker(m);
        }
        *pending = rest;
    }

    fn text_element(&mut self, tag: &[u8], text: &str) {
        let tag = String::from_utf8_lossy(tag);
        let tag = if tag.contains("xml:space") {
            tag.into_owned()
        } else {
            tag.replacen("<w:t", "<w:t xml:space=\"preserve\"", 1)
        };
        self.out.extend_from_slice(tag.as_bytes());
        self.out.extend_from_slice(crate::xml::text(text).as_bytes());
        self.out.extend_from_slice(b"</w:t>");
    }
}

/// Whether run properties hide the run (`w:vanish` not turned off).
fn vanishes(props: &[u8]) -> bool {
    let mut reader = Reader::from_reader(props);
    while let Ok(ev) = reader.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:vanish" => {
                return !matches!(attr(&e, b"w:val").as_deref(), Some("0" | "false" | "off"));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    false
}

/// Whether a run holds a reference to one of the comments removed.
fn run_had_reference(run: &[u8], removed: &HashSet<String>) -> bool {
    let mut reader = Reader::from_reader(run);
    while let Ok(ev) = reader.read_event() {
        match ev {
            Event::Empty(e) if e.name().as_ref() == b"w:commentReference" => {
                return attr(&e, b"w:id").is_some_and(|id| removed.contains(&id));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    fn rewritten(xml: &str, markers: &[(usize, Marker)]) -> (String, Vec<String>) {
        let mut map: HashMap<usize, Vec<Marker>> = HashMap::new();
        for (p, m) in markers {
            map.entry(*p).or_default().push(*m);
        }
        let (out, texts) = rewrite(xml.as_bytes(), "word/document.xml", &map, &HashSet::new()).unwrap();
        (String::from_utf8(out).unwrap(), texts)
    }

    #[test]
    fn a_run_is_split_where_a_comment_starts_and_ends_inside_it() {
        let xml = "<w:body><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Số: 58/KH-UBND &amp; x</w:t></w:r></w:p></w:body>";
        let start = "Số: ".len();
        let end = "Số: 58/KH-UBND".len();
        let (out, texts) = rewritten(
            xml,
            &[(0, Marker { offset: start, end: false, id: 7 }), (0, Marker { offset: end, end: true, id: 7 })],
        );
        assert_eq!(texts, ["Số: 58/KH-UBND & x"]);
        assert_eq!(
            out,
            "<w:body><w:p>\
             <w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Số: </w:t></w:r>\
             <w:commentRangeStart w:id=\"7\"/>\
             <w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">58/KH-UBND</w:t></w:r>\
             <w:commentRangeEnd w:id=\"7\"/><w:r><w:rPr><w:rStyle w:val=\"CommentReference\"/></w:rPr><w:commentReference w:id=\"7\"/></w:r>\
             <w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> &amp; x</w:t></w:r>\
             </w:p></w:body>"
        );
    }

    #[test]
    fn field_codes_hidden_text_and_deletions_are_not_text() {
        let xml = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>\
                   <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>\
                   <w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>\
                   <w:del><w:r><w:delText>bỏ</w:delText></w:r></w:del><w:r><w:tab/><w:t>a</w:t></w:r></w:p>";
        let (out, texts) = rewritten(xml, &[]);
        assert_eq!(texts, ["3\ta"]);
        assert_eq!(out, xml);
    }
}
