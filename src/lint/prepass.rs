//! The parent-plan pre-pass: before any plan is checked, the plans a child may cite as its
//! parent are indexed — the config's `parents:` (read whole now) and, when the run has more than
//! one plan, the run's own plans, known by their header (their targets are read when a child
//! first cites them).

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::parents::{ParentIndex, ParentKey, ParentPlan};
use super::read::read_bytes;
use super::walk::{Item, Origin, display_name};
use crate::extract::ExtractOptions;
use crate::registry::{IndicatorVocab, ParentTarget};
use crate::source::SourceFile;

/// How much of a file the pre-pass reads: the header parser looks at the first lines only, and
/// a plan's header (issuer, number, place and date) is a few hundred bytes.
const HEAD_BYTES: usize = 8 * 1024;

/// The prefix parsed first: enough for almost every header. The whole [`HEAD_BYTES`] are
/// parsed only when the header does not end inside it (see
/// [`crate::extract::extract_header_closed`]).
const HEAD_FIRST: usize = 2 * 1024;

/// The header parser's window, in lines (see [`crate::extract::extract_header`]).
const HEAD_LINES: usize = 120;

/// The index of the plans children may cite, and the config parents that cannot be used (they
/// cannot be read, or have no number, complete date or issuer). A plan of the run that cannot be
/// read is reported by its own check, not here.
pub(super) fn index(
    items: &[Item],
    extra: &[PathBuf],
    vocab: &IndicatorVocab,
    pool: Option<&rayon::ThreadPool>,
    extract: ExtractOptions,
) -> (ParentIndex, Vec<PathBuf>) {
    let read = |path: &Path| -> Option<ParentPlan> {
        // Bounded like any plan (a parent is a plan).
        let bytes = read_bytes(path).ok()?;
        let name = display_name(path);
        let src = SourceFile::from_bytes(name.clone(), &bytes).ok()?;
        let plan = crate::extract::extract_with(&src, vocab, extract).ok()?;
        ParentPlan::from_plan(&name, &plan, vocab)
    };
    let mut plans = Vec::new();
    let mut unusable = Vec::new();
    for path in extra {
        match read(path) {
            Some(p) => plans.push(p),
            None => unusable.push(path.clone()),
        }
    }
    let mut index = ParentIndex::new(plans);
    if items.len() > 1
        && let Some(pool) = pool
    {
        let keys: Vec<ParentKey> =
            pool.install(|| items.par_iter().filter_map(|item| header_key(item, extract)).collect());
        index.extend_keys(keys);
    }
    (index, unusable)
}

/// The targets of a parent known by its header: the whole plan is read now, once.
pub(super) fn parent_targets(key: &ParentKey, vocab: &IndicatorVocab, extract: ExtractOptions) -> Vec<ParentTarget> {
    let Ok(bytes) = read_bytes(Path::new(&key.path)) else { return Vec::new() };
    let Ok(src) = SourceFile::from_bytes(key.path.clone(), &bytes) else { return Vec::new() };
    let Ok(plan) = crate::extract::extract_with(&src, vocab, extract) else { return Vec::new() };
    super::parents::parent_targets_of(&key.symbol, &plan, vocab)
}

/// The identity of an input as a parent, from its first lines only: the first [`HEAD_BYTES`] of
/// the file, cut after a line, so a run over many plans reads a fraction of each twice.
fn header_key(item: &Item, extract: ExtractOptions) -> Option<ParentKey> {
    let Origin::File(path) = &item.origin else {
        // Standard input cannot be read again when a child cites it.
        return None;
    };
    // A named pipe given by name (`<(…)`) can be read once only: by its own check.
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut head = Vec::with_capacity(HEAD_BYTES);
    std::fs::File::open(path).ok()?.take(HEAD_BYTES as u64).read_to_end(&mut head).ok()?;
    key_of_head(item, &head, extract)
}

/// The identity of an input from the first bytes of its file (`head`, at most [`HEAD_BYTES`]):
/// its first [`HEAD_FIRST`] when the header ends inside them, else all of `head`.
fn key_of_head(item: &Item, head: &[u8], extract: ExtractOptions) -> Option<ParentKey> {
    match first_header(item, head, extract) {
        Some(header) => ParentKey::from_header(&item.name, &header),
        None => key_of_whole_head(item, head, extract),
    }
}

/// The header read from the first [`HEAD_FIRST`] bytes of `head`, cut at a line, when it ends
/// inside them (a prefix with no line feed in it is not read alone).
fn first_header(item: &Item, head: &[u8], extract: ExtractOptions) -> Option<crate::model::Header> {
    let first = head.get(..HEAD_FIRST).and_then(|h| whole_lines(h, HEAD_FIRST)).filter(|f| f.len() < HEAD_FIRST)?;
    let src = SourceFile::from_bytes(item.name.clone(), first).ok()?;
    crate::extract::extract_header_closed(&src, extract)
}

/// [`key_of_head`] from all of `head`.
fn key_of_whole_head(item: &Item, head: &[u8], extract: ExtractOptions) -> Option<ParentKey> {
    let prefix = whole_lines(head, HEAD_BYTES);
    let src = match prefix.map(|h| SourceFile::from_bytes(item.name.clone(), h)) {
        Some(Ok(src)) => src,
        // UTF-16 (its zero bytes: a cut after `\n` may split a unit), or a prefix that does not
        // decode on its own: read it all.
        _ => SourceFile::from_bytes(item.name.clone(), &item.bytes().ok()?).ok()?,
    };
    ParentKey::from_header(&item.name, &crate::extract::extract_header(&src, extract))
}

/// The first [`HEAD_LINES`] lines of `head`, a prefix of a file read up to `limit` bytes: when
/// it filled them, the file may go on, so it ends at its last whole line (a UTF-8 sequence is
/// never cut there). `None` for bytes with a zero (UTF-16: a cut after `\n` may split a unit).
fn whole_lines(head: &[u8], limit: usize) -> Option<&[u8]> {
    let cut = match memchr_nth(head, b'\n', HEAD_LINES) {
        Some(i) => i,
        None if head.len() >= limit => head.iter().rposition(|&b| b == b'\n').unwrap_or(head.len()),
        None => head.len(),
    };
    head.get(..cut).filter(|h| !h.contains(&0))
}

/// Offset of the `n`-th (0-based) occurrence of a byte.
fn memchr_nth(bytes: &[u8], needle: u8, n: usize) -> Option<usize> {
    memchr::memchr_iter(needle, bytes).nth(n)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    /// Every plan of the fixtures (real plans, seeds, layouts): the key read from the first
    /// [`HEAD_FIRST`] bytes, when the header ends there, is the key read from [`HEAD_BYTES`].
    /// `PLANLINT_KEY_CORPUS=DIR` runs the comparison on another folder (a generated corpus).
    #[test]
    fn the_short_prefix_gives_the_key_of_the_long_one() {
        let root = std::env::var_os("PLANLINT_KEY_CORPUS")
            .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"), std::path::PathBuf::from);
        let (mut files, mut short, mut keys) = (0, 0, 0);
        for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            if !matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
                continue;
            }
            let bytes = std::fs::read(path).unwrap();
            let head = bytes.get(..HEAD_BYTES).unwrap_or(&bytes);
            let item = Item::file(path);
            let opts = ExtractOptions::default();
            let long = key_of_whole_head(&item, head, opts);
            assert_eq!(key_of_head(&item, head, opts), long, "{}", path.display());
            files += 1;
            keys += usize::from(long.is_some());
            short += usize::from(first_header(&item, head, opts).is_some());
        }
        // The comparison covers many files, most of them read from the short prefix.
        assert!(files >= 50 && keys >= 20 && short * 2 > files, "{files} files, {keys} keys, {short} short");
        eprintln!("{files} files, {keys} keys, {short} from the short prefix");
    }
}
