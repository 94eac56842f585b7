//! The zip package: opening it under the limits, finding the parts through their relationships,
//! and unpacking each part with its size and compression ratio checked as it is read.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::Limits;
use super::error::DocxError;

/// The first bytes of an OLE compound file (legacy `.doc`, or an encrypted `.docx`).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Below this many unpacked bytes a part's ratio is not judged: tiny parts compress very well.
const RATIO_FLOOR: u64 = 1024 * 1024;

/// An open package.
pub(super) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    limits: &'a Limits,
    /// Bytes unpacked so far.
    unpacked: u64,
}

/// The parts of a Word document that the reader uses.
#[derive(Debug, Default)]
pub(super) struct PartNames {
    pub(super) document: String,
    pub(super) styles: Option<String>,
    pub(super) numbering: Option<String>,
    pub(super) footnotes: Option<String>,
    pub(super) endnotes: Option<String>,
    pub(super) comments: Option<String>,
    pub(super) comments_extended: Option<String>,
}

impl<'a> Package<'a> {
    /// Open the archive, refusing OLE files and archives over the entry and size limits.
    pub(super) fn open(bytes: &'a [u8], limits: &'a Limits) -> Result<Self, DocxError> {
        if bytes.starts_with(&OLE_MAGIC) {
            return Err(if is_encrypted_package(bytes) { DocxError::Encrypted } else { DocxError::LegacyDoc });
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
            ZipError::InvalidArchive(_) if bytes.starts_with(b"PK") => {
                DocxError::Damaged { part: String::new(), detail: e.to_string() }
            }
            ZipError::Io(_) if bytes.starts_with(b"PK") => {
                DocxError::Damaged { part: String::new(), detail: e.to_string() }
            }
            _ => DocxError::NotZip { detail: e.to_string() },
        })?;
        if zip.len() > limits.max_entries {
            return Err(DocxError::TooManyEntries { count: zip.len(), limit: limits.max_entries });
        }
        // What the archive says it unpacks to: a cheap first check (the real count is kept
        // while reading, since these sizes can lie).
        if zip.decompressed_size().is_some_and(|d| d > u128::from(limits.max_total_uncompressed)) {
            return Err(DocxError::TooLarge { part: String::new(), limit: limits.max_total_uncompressed });
        }
        Ok(Self { zip, limits, unpacked: 0 })
    }

    /// Whether the archive has a part.
    fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Unpack a part, or `None` when the archive has no such part.
    pub(super) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, DocxError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let remaining = self.limits.max_total_uncompressed.saturating_sub(self.unpacked);
        let ratio_limit = self.limits.max_compression_ratio;
        let file = match self.zip.by_index(index) {
            Ok(f) => f,
            Err(ZipError::UnsupportedArchive(msg)) if msg.contains("assword") => {
                return Err(DocxError::EncryptedPart { part: name.to_owned() });
            }
            Err(e) => return Err(DocxError::Damaged { part: name.to_owned(), detail: e.to_string() }),
        };
        if file.encrypted() {
            return Err(DocxError::EncryptedPart { part: name.to_owned() });
        }
        let compressed = file.compressed_size().max(1);
        let declared = file.size();
        let mut out = Vec::with_capacity(usize::try_from(declared.min(remaining).min(64 << 20)).unwrap_or(0));
        // One byte more than allowed tells that the limit was passed.
        let mut limited = file.take(remaining.saturating_add(1));
        let mut chunk = [0u8; 64 * 1024];
        loop {
            let n = match limited.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => return Err(DocxError::Damaged { part: name.to_owned(), detail: e.to_string() }),
            };
            out.extend_from_slice(chunk.get(..n).unwrap_or_default());
            let len = out.len() as u64;
            if len > remaining {
                return Err(DocxError::TooLarge { part: name.to_owned(), limit: self.limits.max_total_uncompressed });
            }
            if len > RATIO_FLOOR && len / compressed > ratio_limit {
                return Err(DocxError::RatioTooHigh { part: name.to_owned(), limit: ratio_limit });
            }
        }
        self.unpacked = self.unpacked.saturating_add(out.len() as u64);
        Ok(Some(out))
    }

    /// Find the document's parts: the main part from `_rels/.rels`, the others from its own
    /// relationships, with Word's usual names where a relationship is missing.
    pub(super) fn part_names(&mut self) -> Result<PartNames, DocxError> {
        let mut names = PartNames::default();
        let root = match self.read("_rels/.rels")? {
            Some(xml) => relationships(&xml, "_rels/.rels", self.limits.max_xml_depth)?,
            None => Vec::new(),
        };
        names.document = root
            .iter()
            .find(|r| r.kind.ends_with("/officeDocument"))
            .map(|r| resolve("", &r.target))
            .filter(|p| self.has(p))
            .unwrap_or_else(|| "word/document.xml".to_owned());
        if !self.has(&names.document) {
            return Err(DocxError::MissingPart { part: names.document });
        }
        let (dir, file) = names.document.rsplit_once('/').unwrap_or(("", names.document.as_str()));
        let rels_name = if dir.is_empty() { format!("_rels/{file}.rels") } else { format!("{dir}/_rels/{file}.rels") };
        let rels = match self.read(&rels_name)? {
            Some(xml) => relationships(&xml, &rels_name, self.limits.max_xml_depth)?,
            None => Vec::new(),
        };
        let dir = dir.to_owned();
        let find = |suffix: &str, fallback: &str| -> Option<String> {
            let by_rel = rels.iter().find(|r| r.kind.ends_with(suffix)).map(|r| resolve(&dir, &r.target));
            let fallback = if dir.is_empty() { fallback.to_owned() } else { format!("{dir}/{fallback}") };
            by_rel.filter(|p| self.has(p)).or_else(|| self.has(&fallback).then_some(fallback))
        };
        names.styles = find("/styles", "styles.xml");
        names.numbering = find("/numbering", "numbering.xml");
        names.footnotes = find("/footnotes", "footnotes.xml");
        names.endnotes = find("/endnotes", "endnotes.xml");
        names.comments = find("/comments", "comments.xml");
        names.comments_extended = find("/commentsExtended", "commentsExtended.xml");
        Ok(names)
    }
}

/// Whether an OLE compound file holds an encrypted OOXML package: its directory names the
/// `EncryptedPackage` stream (UTF-16LE).
fn is_encrypted_package(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(bytes, &needle).is_some()
}

struct Relationship {
    kind: String,
    target: String,
}

/// The relationships of a `.rels` part (external targets left out).
fn relationships(xml: &[u8], part: &str, max_depth: usize) -> Result<Vec<Relationship>, DocxError> {
    let mut out = Vec::new();
    let mut x = super::xml::Xml::new(xml, part, max_depth);
    while let Some(ev) = x.next()? {
        if let super::xml::Ev::Start(e) | super::xml::Ev::Empty(e) = ev
            && e.local_name().as_ref() == b"Relationship"
        {
            let kind = x.attr(&e, b"Type").unwrap_or_default();
            let target = x.attr(&e, b"Target").unwrap_or_default();
            let external = x.attr(&e, b"TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("External"));
            if !external && !target.is_empty() {
                out.push(Relationship { kind, target });
            }
        }
    }
    Ok(out)
}

/// A relationship target resolved against the folder of its source part.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let (base, target) = match target.strip_prefix('/') {
        Some(abs) => ("", abs),
        None => (dir, target),
    };
    for seg in base.split('/').chain(target.split('/')) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_folder() {
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("", "/word/document2.xml"), "word/document2.xml");
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(resolve("word", "../customXml/item1.xml"), "customXml/item1.xml");
        assert_eq!(resolve("word", "/word/numbering.xml"), "word/numbering.xml");
    }

    #[test]
    fn encrypted_packages_are_told_from_legacy_documents() {
        let mut enc = OLE_MAGIC.to_vec();
        enc.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(is_encrypted_package(&enc));
        let mut doc = OLE_MAGIC.to_vec();
        doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(!is_encrypted_package(&doc));
    }
}
