//! Per-thread memories of pure functions of a text: the recognizers that read a paragraph or a
//! cell (citations, dates, number masks, quantities, year markers, indicator names,
//! abbreviations, symbols, task deadlines) and give byte ranges or values read from it, F110's
//! verdict on a text, and the rule language's `lower`, `norm` and `fold`.
//!
//! Plans written from one template — the plans the communes of a district send to it — repeat
//! whole paragraphs, task rows and recipients; a run over them reads each repeated text once per
//! thread. A result is remembered by a hash of the text's bytes, its length and a `salt` naming
//! whatever else the result depends on (the masks given to a function, the vocabulary; each
//! function has its own memory); two texts with one key (64 bits of hash and a length) would
//! share a result, about one chance in 2^64 per look-up. Byte ranges are read with `get`, never
//! sliced, so even then nothing panics, and F110 reports a remembered word only when the text
//! holds it. Each memory keeps at most [`TEXTS_MAX`] results and is emptied when full (memory
//! stays bounded whatever the run), and [`forget`] empties them all for the next reads.

use std::cell::RefCell;
use std::hash::BuildHasher;
use std::thread::LocalKey;

/// The most results one memory keeps: 2,048 texts (about twenty plans' worth) found the repeats
/// of the 10,000-plan corpus as well as 32,768 did, and a run's peak memory stays near 60 MB
/// (it reached 100 MB, SPEC's bar, with 8,192).
pub(crate) const TEXTS_MAX: usize = 1 << 11;

/// One function's memory: results by (hash of the text and salt, length of the text), and the
/// generation of this thread's memories they belong to (see [`forget`]).
#[derive(Debug)]
pub(crate) struct Memo<T>(RefCell<(u64, Results<T>)>);

/// Results by key (see [`salted`]).
type Results<T> = foldhash::HashMap<(u64, usize), T>;

impl<T> Default for Memo<T> {
    fn default() -> Self {
        Self(RefCell::new((0, foldhash::HashMap::default())))
    }
}

thread_local! {
    /// The generation of this thread's memories: a memory of an older one is emptied when next
    /// used.
    static GENERATION: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Forget everything this thread's memories hold: the next texts are read as if for the first
/// time. For benchmarks that measure the reading of a plan, not the recall of one.
pub fn forget() {
    GENERATION.with(|g| {
        let next = g.get().wrapping_add(1);
        g.set(if next == OFF { 0 } else { next });
    });
}

/// The generation that means "remember nothing" (see [`without`]).
const OFF: u64 = u64::MAX;

/// Run `f` with this thread's memories off: every text is read, none recalled or kept. For
/// benchmarks that show how reading grows with a text made of repeated parts (the memories would
/// recall the repeats).
pub fn without<R>(f: impl FnOnce() -> R) -> R {
    /// Puts the generation back when `f` returns or unwinds.
    struct Restore(u64);
    impl Drop for Restore {
        fn drop(&mut self) {
            GENERATION.with(|g| g.set(self.0));
        }
    }
    let _restore = Restore(GENERATION.with(|g| g.replace(OFF)));
    f()
}

/// A text's hash and length, computed once for the several memories a text is looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextKey {
    hash: u64,
    len: usize,
}

/// The key of a text, before any salt.
pub(crate) fn text_key(text: &str) -> TextKey {
    TextKey { hash: foldhash::fast::FixedState::with_seed(0).hash_one(text), len: text.len() }
}

/// The key of a text under a salt: for one salt, two texts share a key only when their hashes
/// and lengths are equal (the mixing is a bijection of the hash).
fn salted(k: TextKey, salt: u64) -> (u64, usize) {
    let mixed = if salt == 0 { k.hash } else { (k.hash ^ salt).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29) };
    (mixed, k.len)
}

/// The result of `compute` for `text` (and `salt`), remembered in `memo`.
pub(crate) fn remember<T: Clone>(
    memo: &'static LocalKey<Memo<T>>,
    text: &str,
    salt: u64,
    compute: impl FnOnce() -> T,
) -> T {
    remember_keyed(memo, text_key(text), salt, compute)
}

/// [`remember`] for a text whose [`text_key`] is known.
pub(crate) fn remember_keyed<T: Clone>(
    memo: &'static LocalKey<Memo<T>>,
    text: TextKey,
    salt: u64,
    compute: impl FnOnce() -> T,
) -> T {
    let k = salted(text, salt);
    let generation = GENERATION.with(std::cell::Cell::get);
    if generation == OFF {
        return compute();
    }
    let found = memo.with(|m| {
        let mut m = m.0.try_borrow_mut().ok()?;
        if m.0 != generation {
            *m = (generation, foldhash::HashMap::default());
        }
        m.1.get(&k).cloned()
    });
    if let Some(v) = found {
        return v;
    }
    let v = compute();
    memo.with(|m| {
        if let Ok(mut m) = m.0.try_borrow_mut() {
            if m.1.len() >= TEXTS_MAX {
                m.1.clear();
            }
            m.1.insert(k, v.clone());
        }
    });
    v
}

/// A salt from some byte ranges (the masks a function is given).
pub(crate) fn salt_of(ranges: &[(usize, usize)]) -> u64 {
    ranges.iter().fold(crate::fnv::OFFSET, |h, &(a, b)| {
        let h = crate::fnv::extend(h, &a.to_le_bytes());
        crate::fnv::extend(h, &b.to_le_bytes())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static LENGTHS: Memo<usize> = Memo::default();
    }

    #[test]
    fn a_result_is_computed_once_per_text_and_salt() {
        let mut calls = 0;
        for _ in 0..3 {
            for (t, salt) in [("các buổi họp", 1), ("các buổi họp", 2), ("kế hoạch", 1)] {
                let n = remember(&LENGTHS, t, salt, || {
                    calls += 1;
                    t.len()
                });
                assert_eq!(n, t.len());
            }
        }
        assert_eq!(calls, 3);
        assert_ne!(salt_of(&[(1, 2)]), salt_of(&[(1, 3)]));
        assert_ne!(salt_of(&[]), salt_of(&[(0, 0)]));
    }

    #[test]
    fn a_full_memory_is_forgotten() {
        for i in 0..TEXTS_MAX + 10 {
            remember(&LENGTHS, &i.to_string(), 9, || i);
        }
        LENGTHS.with(|m| assert!(m.0.borrow().1.len() <= TEXTS_MAX));
    }

    #[test]
    fn forgotten_results_are_computed_again() {
        thread_local! {
            static DOUBLES: Memo<usize> = Memo::default();
        }
        let mut calls = 0;
        for _ in 0..2 {
            remember(&DOUBLES, "kế hoạch", 0, || {
                calls += 1;
                2
            });
        }
        forget();
        remember(&DOUBLES, "kế hoạch", 0, || {
            calls += 1;
            2
        });
        assert_eq!(calls, 2);
    }

    #[test]
    fn without_memories_every_text_is_read_and_they_come_back_after() {
        thread_local! {
            static TRIPLES: Memo<usize> = Memo::default();
        }
        let mut calls = 0;
        let mut read = || {
            remember(&TRIPLES, "kế hoạch", 0, || {
                calls += 1;
                3
            })
        };
        read();
        without(|| {
            read();
            read();
        });
        read();
        // Once before, twice without, and recalled after: the memory kept its result.
        assert_eq!(calls, 3);
    }
}
