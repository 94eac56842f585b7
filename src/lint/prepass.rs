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
    let cut = match memchr_nth(&head, b'\n', HEAD_LINES) {
        Some(i) => i,
        // The file may go on: end at the last whole line (a UTF-8 sequence is never cut there).
        None if head.len() == HEAD_BYTES => head.iter().rposition(|&b| b == b'\n').unwrap_or(head.len()),
        None => head.len(),
    };
    let prefix = head.get(..cut).filter(|h| !h.contains(&0));
    let src = match prefix.map(|h| SourceFile::from_bytes(item.name.clone(), h)) {
        Some(Ok(src)) => src,
        // UTF-16 (its zero bytes: a cut after `\n` may split a unit), or a prefix that does not
        // decode on its own: read it all.
        _ => SourceFile::from_bytes(item.name.clone(), &item.bytes().ok()?).ok()?,
    };
    ParentKey::from_header(&item.name, &crate::extract::extract_header(&src, extract))
}

/// Offset of the `n`-th (0-based) occurrence of a byte.
fn memchr_nth(bytes: &[u8], needle: u8, n: usize) -> Option<usize> {
    memchr::memchr_iter(needle, bytes).nth(n)
}
