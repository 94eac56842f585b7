//! Word-by-word phrase matching for Vietnamese wording: case, punctuation, Markdown, leading
//! zeros and the i/y spelling variants (`tỉ lệ`/`tỷ lệ`, `bác sĩ`/`bác sỹ`) do not matter.
//!
//! A phrase is a list of words; `(…)` marks optional words and `…` (or `...`) a gap of up to
//! [`MAX_GAP`] words. Phrases are indexed by their first word, so matching a sentence costs one
//! hash look-up per word plus the few candidates that share a first word.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::fnv::{OFFSET as FNV_OFFSET, extend as fnv};
use crate::text::{LowerTable, decode_char_at as decode_at, lower_fast, push_lower};

/// Longest run of words a `…` gap may skip.
pub(crate) const MAX_GAP: usize = 8;

/// A word of the text: its byte range and the hash of its folded form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub(crate) start: usize,
    pub(crate) end: usize,
    key: u64,
}

/// Split a text into words and fold each one.
///
/// One pass over the bytes: each word is hashed as it is read and lower-cased. The words
/// [`fold`] does more to — numbers (leading zeros), words with a character outside the fast
/// lower-case table, and the few short words that end with an `i` (the i/y rule) — are
/// folded again by [`fold_key`] at their end.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let table = LowerTable::get();
    let bytes = text.as_bytes();
    let len = bytes.len();
    let mut out = Vec::with_capacity(len / 5);
    let mut buf = String::new();
    // The character at `i` when it is not ASCII, and its length (`i` is on a boundary).
    let wide = |i: usize| decode_at(bytes, i).or_else(|| text.get(i..)?.chars().next().map(|c| (c, c.len_utf8())));
    let mut i = 0;
    while i < len {
        let b = bytes.get(i).copied().unwrap_or(0);
        let (mut c, mut n) = if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            (char::from(b), 1)
        } else {
            let Some((c, n)) = wide(i) else { break };
            if !is_word_char(c) {
                i += n;
                continue;
            }
            (c, n)
        };
        let start = i;
        let mut hash = FNV_OFFSET;
        // Only ASCII digits so far; a character the table does not cover.
        let (mut digits, mut slow) = (true, false);
        loop {
            if n == 1 {
                let b = c as u8;
                hash = crate::fnv::step(hash, b.to_ascii_lowercase());
                digits &= b.is_ascii_digit();
                i += 1;
            } else {
                digits = false;
                match table.lower(c) {
                    Some(l) if l == c => hash = fnv(hash, bytes.get(i..i + n).unwrap_or_default()),
                    Some(l) => hash = fnv_char(hash, l),
                    None => slow = true,
                }
                i += n;
            }
            let Some(&nb) = bytes.get(i) else { break };
            if nb < 0x80 {
                if nb.is_ascii_alphanumeric()
                    || ((nb == b'.' || nb == b',')
                        && c.is_ascii_digit()
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
                {
                    (c, n) = (char::from(nb), 1);
                    continue;
                }
                break;
            }
            match wide(i) {
                Some((w, m)) if is_word_char(w) => (c, n) = (w, m),
                _ => break,
            }
        }
        // The i/y rule can only apply to a word of at most five bytes (`t`…`qu` and an `i`
        // of one to three bytes) ending with the last byte of an `i`.
        let y_rule = i - start <= 5
            && matches!(
                bytes.get(i - 1),
                Some(b'i' | b'I' | 0xAD | 0xAC | 0xA9 | 0x89 | 0x8B | 0x8D | 0x8C | 0xA8 | 0x88 | 0x8A)
            );
        let key =
            if digits || slow || y_rule { fold_key(text.get(start..i).unwrap_or_default(), &mut buf) } else { hash };
        out.push(Word { start, end: i, key });
    }
    out
}

/// A letter or digit; Latin and Vietnamese letters without a Unicode table look-up.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if matches!(c, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}') {
        c != '\u{d7}' && c != '\u{f7}'
    } else {
        c.is_alphanumeric()
    }
}

/// The folded form of one word: lower case, `i`→`y` in one-vowel syllables (`tỉ`→`tỷ`,
/// `sĩ`→`sỹ`, `kĩ`→`kỹ`, `lí`→`lý`), leading zeros of numbers dropped.
pub(crate) fn fold(word: &str, buf: &mut String) {
    buf.clear();
    for c in word.chars() {
        push_lower(buf, c);
    }
    if buf.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = buf.trim_start_matches('0');
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        *buf = trimmed.to_owned();
        return;
    }
    let mut chars = buf.chars();
    let last = chars.next_back();
    let head = chars.as_str();
    if let Some(last) = last {
        let y = y_of(last);
        if let Some(y) = y
            && matches!(head, "t" | "s" | "k" | "l" | "m" | "h" | "v" | "qu")
        {
            let mut folded = head.to_owned();
            folded.push(y);
            *buf = folded;
        }
    }
}

/// A hasher for keys that are hashes already ([`fold_key`]): it keeps the key as it is.
#[derive(Debug, Clone, Copy, Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Not used by `u64` keys; fold anything else in FNV-1a.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// FNV-1a of the folded word: fast for short keys, and stable (the index is built at load).
/// Computed as the word is lower-cased, one character held back for the i/y rule of [`fold`];
/// a word with a character outside the fast lower-case tables goes through [`fold`] itself.
fn fold_key(word: &str, buf: &mut String) -> u64 {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        let trimmed = word.trim_start_matches('0');
        return fnv(FNV_OFFSET, if trimmed.is_empty() { b"0" } else { trimmed.as_bytes() });
    }
    let mut h = FNV_OFFSET;
    let mut pending: Option<char> = None;
    let (mut count, mut first, mut second) = (0usize, '\0', '\0');
    for c in word.chars() {
        let Some(l) = lower_fast(c) else {
            fold(word, buf);
            return fnv(FNV_OFFSET, buf.as_bytes());
        };
        if let Some(p) = pending {
            h = fnv_char(h, p);
        }
        match count {
            0 => first = l,
            1 => second = l,
            _ => {}
        }
        count += 1;
        pending = Some(l);
    }
    let Some(last) = pending else {
        return h;
    };
    let one_vowel = match count {
        2 => matches!(first, 't' | 's' | 'k' | 'l' | 'm' | 'h' | 'v'),
        3 => first == 'q' && second == 'u',
        _ => false,
    };
    fnv_char(h, if one_vowel { y_of(last).unwrap_or(last) } else { last })
}

fn fnv_char(h: u64, c: char) -> u64 {
    if c.is_ascii() { crate::fnv::step(h, c as u8) } else { fnv(h, c.encode_utf8(&mut [0u8; 4]).as_bytes()) }
}

/// The `y` an `i` of a one-vowel syllable is written as (`tỉ` → `tỷ`).
fn y_of(i: char) -> Option<char> {
    match i {
        'i' => Some('y'),
        'í' => Some('ý'),
        'ì' => Some('ỳ'),
        'ỉ' => Some('ỷ'),
        'ĩ' => Some('ỹ'),
        'ị' => Some('ỵ'),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Elem {
    Word(u64),
    Optional(Vec<u64>),
    Gap,
}

/// A phrase compiled for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Phrase {
    elems: Vec<Elem>,
}

/// Why a phrase cannot be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PhraseError {
    /// No word at all.
    Empty,
    /// Starts with an optional part or a gap (it could not be indexed).
    BadStart,
    /// A `(` without its `)`.
    Unbalanced,
}

impl Phrase {
    pub(crate) fn compile(text: &str) -> Result<Self, PhraseError> {
        let mut elems = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('(') {
                let close = after.find(')').ok_or(PhraseError::Unbalanced)?;
                let inner = after.get(..close).unwrap_or_default();
                let keys: Vec<u64> = words(inner).iter().map(|w| w.key).collect();
                if !keys.is_empty() {
                    elems.push(Elem::Optional(keys));
                }
                rest = after.get(close + 1..).unwrap_or_default();
                continue;
            }
            if let Some(after) = rest.strip_prefix('…').or_else(|| rest.strip_prefix("...")) {
                elems.push(Elem::Gap);
                rest = after;
                continue;
            }
            let stop = rest.find(['(', '…']).into_iter().chain(rest.find("...")).min().unwrap_or(rest.len());
            let stop = if stop == 0 { rest.chars().next().map_or(1, char::len_utf8) } else { stop };
            let chunk = rest.get(..stop).unwrap_or_default();
            elems.extend(words(chunk).iter().map(|w| Elem::Word(w.key)));
            rest = rest.get(stop..).unwrap_or_default();
        }
        match elems.first() {
            None => Err(PhraseError::Empty),
            Some(Elem::Word(_)) => Ok(Self { elems }),
            Some(_) => Err(PhraseError::BadStart),
        }
    }

    fn first_key(&self) -> Option<u64> {
        match self.elems.first() {
            Some(Elem::Word(k)) => Some(*k),
            _ => None,
        }
    }

    /// The key of the first three words, when the phrase starts with three plain words.
    fn three_key(&self) -> Option<u64> {
        match self.elems.get(..3)? {
            [Elem::Word(a), Elem::Word(b), Elem::Word(c)] => Some(three_key(*a, *b, *c)),
            _ => None,
        }
    }

    /// Match at word `at`; returns (index after the last matched word, number of words matched).
    fn match_at(&self, words: &[Word], at: usize) -> Option<(usize, usize)> {
        fn go(elems: &[Elem], words: &[Word], at: usize, matched: usize) -> Option<(usize, usize)> {
            let Some((first, rest)) = elems.split_first() else {
                return Some((at, matched));
            };
            match first {
                Elem::Word(k) => {
                    (words.get(at)?.key == *k).then_some(())?;
                    go(rest, words, at + 1, matched + 1)
                }
                Elem::Optional(keys) => {
                    let all = keys.iter().enumerate().all(|(i, k)| words.get(at + i).is_some_and(|w| w.key == *k));
                    if all && let Some(found) = go(rest, words, at + keys.len(), matched + keys.len()) {
                        return Some(found);
                    }
                    go(rest, words, at, matched)
                }
                Elem::Gap => (0..=MAX_GAP).find_map(|skip| go(rest, words, at + skip, matched)),
            }
        }
        go(&self.elems, words, at, 0)
    }
}

/// A match of one of the phrases of a [`PhraseSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PhraseMatch {
    /// The value attached to the phrase.
    pub(crate) value: usize,
    /// Byte range of the matched words in the text.
    pub(crate) start: usize,
    /// End of the byte range.
    pub(crate) end: usize,
    words: usize,
}

/// A set of phrases, each attached to a value (e.g. an indicator's index).
#[derive(Debug, Clone, Default)]
pub(crate) struct PhraseSet {
    phrases: Vec<(Phrase, usize)>,
    /// Every first word: the phrases that start with it and are not in `by_three`, and whether
    /// some are (one look-up tells most words apart).
    by_first: HashMap<u64, (Vec<usize>, bool), BuildHasherDefault<KeyHasher>>,
    /// Phrases that start with three plain words, by those words ([`three_key`]): many phrases
    /// share a first word (`tỷ lệ …`), few share three.
    by_three: HashMap<u64, Vec<usize>, BuildHasherDefault<KeyHasher>>,
}

/// Two ascending lists of indices, merged.
struct Merge<'a> {
    a: &'a [usize],
    b: &'a [usize],
}

impl Iterator for Merge<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        let take_a = match (self.a.first(), self.b.first()) {
            (Some(x), Some(y)) => x <= y,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        let list = if take_a { &mut self.a } else { &mut self.b };
        let (&first, rest) = list.split_first()?;
        *list = rest;
        Some(first)
    }
}

/// One key for three word keys. Two different triples may share it: a candidate found by it is
/// still matched word by word.
fn three_key(a: u64, b: u64, c: u64) -> u64 {
    a ^ b.rotate_left(21) ^ c.rotate_left(42)
}

impl PhraseSet {
    pub(crate) fn insert(&mut self, phrase: Phrase, value: usize) {
        let idx = self.phrases.len();
        if let Some(k) = phrase.first_key() {
            let first = self.by_first.entry(k).or_default();
            match phrase.three_key() {
                Some(k3) => {
                    first.1 = true;
                    self.by_three.entry(k3).or_default().push(idx);
                }
                None => first.0.push(idx),
            }
        }
        self.phrases.push((phrase, value));
    }

    /// The phrases that may match at word `i`, in the order they were inserted.
    fn candidates(&self, words: &[Word], i: usize) -> Merge<'_> {
        let Some((first, has_three)) = words.get(i).and_then(|w| self.by_first.get(&w.key)) else {
            return Merge { a: &[], b: &[] };
        };
        let three = match words.get(i..i + 3) {
            Some([a, b, c]) if *has_three => {
                self.by_three.get(&three_key(a.key, b.key, c.key)).map_or(&[][..], Vec::as_slice)
            }
            _ => &[],
        };
        Merge { a: first, b: three }
    }

    /// All matches that do not overlap, preferring longer ones, in text order.
    pub(crate) fn all(&self, words: &[Word]) -> Vec<PhraseMatch> {
        // The longest match starting at each word, with the word indices it covers.
        let mut candidates: Vec<(PhraseMatch, usize, usize)> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let mut best: Option<(PhraseMatch, usize)> = None;
            for c in self.candidates(words, i) {
                let Some((phrase, value)) = self.phrases.get(c) else {
                    continue;
                };
                let Some((end_idx, matched)) = phrase.match_at(words, i) else {
                    continue;
                };
                if best.is_none_or(|(b, _)| matched > b.words) {
                    let end = end_idx.checked_sub(1).and_then(|e| words.get(e)).map_or(w.end, |last| last.end);
                    best = Some((PhraseMatch { value: *value, start: w.start, end, words: matched }, end_idx));
                }
            }
            if let Some((m, end_idx)) = best {
                candidates.push((m, i, end_idx));
            }
        }
        candidates.sort_by(|a, b| b.0.words.cmp(&a.0.words).then(a.1.cmp(&b.1)));
        let mut taken: Vec<(PhraseMatch, usize, usize)> = Vec::new();
        for c in candidates {
            if taken.iter().all(|t| c.2 <= t.1 || t.2 <= c.1) {
                taken.push(c);
            }
        }
        let mut out: Vec<PhraseMatch> = taken.into_iter().map(|t| t.0).collect();
        out.sort_by_key(|m| m.start);
        out
    }

    /// The best match in already-split words: most words matched, then earliest.
    pub(crate) fn best(&self, words: &[Word]) -> Option<PhraseMatch> {
        let mut best: Option<PhraseMatch> = None;
        for (i, w) in words.iter().enumerate() {
            for c in self.candidates(words, i) {
                let Some((phrase, value)) = self.phrases.get(c) else {
                    continue;
                };
                let Some((end_idx, matched)) = phrase.match_at(words, i) else {
                    continue;
                };
                let end = end_idx.checked_sub(1).and_then(|e| words.get(e)).map_or(w.end, |last| last.end);
                if best.is_none_or(|b| matched > b.words) {
                    best = Some(PhraseMatch { value: *value, start: w.start, end, words: matched });
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(phrases: &[&str]) -> PhraseSet {
        let mut s = PhraseSet::default();
        for (i, p) in phrases.iter().enumerate() {
            s.insert(Phrase::compile(p).unwrap(), i);
        }
        s
    }

    #[test]
    fn spelling_variants_and_punctuation_do_not_matter() {
        let s = set(&["tỷ lệ bao phủ bảo hiểm y tế", "bác sỹ vạn dân"]);
        let text = "Đến năm 2026, **tỉ lệ bao phủ** bảo hiểm y tế đạt trên 96%";
        let m = s.best(&words(text)).unwrap();
        assert_eq!(m.value, 0);
        assert_eq!(text.get(m.start..m.end).unwrap(), "tỉ lệ bao phủ** bảo hiểm y tế");
        assert_eq!(s.best(&words("Tỷ lệ bác sĩ/vạn dân đạt 6,48")).unwrap().value, 1);
    }

    #[test]
    fn optional_words_gaps_and_longest_match() {
        let s = set(&[
            "tỷ lệ nhiễm HIV",
            "tỷ lệ người nhiễm HIV/AIDS (trong cộng đồng)",
            "trạm y tế thực hiện … bệnh không lây nhiễm",
        ]);
        assert_eq!(s.best(&words("tỷ lệ người nhiễm HIV/AIDS trong cộng đồng")).unwrap().value, 1);
        assert_eq!(
            s.best(&words("trên 90% trạm y tế thực hiện dự phòng, điều trị một số bệnh không lây nhiễm"))
                .unwrap()
                .value,
            2
        );
        assert!(s.best(&words("tỷ lệ tiêm chủng")).is_none());
    }

    #[test]
    fn numbers_keep_their_separators_and_lose_leading_zeros() {
        let ws = words("trẻ em dưới 01 tuổi; 10.000 dân; 94,3%");
        let texts: Vec<&str> =
            ws.iter().map(|w| "trẻ em dưới 01 tuổi; 10.000 dân; 94,3%".get(w.start..w.end).unwrap()).collect();
        assert_eq!(texts, ["trẻ", "em", "dưới", "01", "tuổi", "10.000", "dân", "94,3"]);
        let mut buf = String::new();
        fold("01", &mut buf);
        assert_eq!(buf, "1");
    }

    #[test]
    fn the_lower_case_table_is_the_standard_lower_case() {
        let blocks = (0x80..0x250u32).chain(0x1E00..0x1F00).chain([0x41, 0x7A, 0x250, 0x1DFF, 0x1F00, 0x0130]);
        for c in blocks.filter_map(char::from_u32) {
            let mut fast = String::new();
            fold(&c.to_string(), &mut fast);
            let slow: String = c.to_lowercase().collect();
            assert_eq!(fast, slow, "{c:?}");
        }
    }

    #[test]
    fn word_keys_are_the_hashes_of_the_folded_words() {
        let text = "Tỉ lệ BÁC SĨ/vạn dân: 0,5 0,‰ 007 0 10.000 QUĨ Quĩ KĨ THUẬT İstanbul İİİİ ÅNGSTRÖM ǅ 94,3% a.b";
        let mut buf = String::new();
        for w in words(text) {
            fold(text.get(w.start..w.end).unwrap(), &mut buf);
            assert_eq!(w.key, fnv(FNV_OFFSET, buf.as_bytes()), "{buf}");
        }
    }

    /// The word splitter as first written, character by character.
    fn words_reference(text: &str) -> Vec<Word> {
        let mut out = Vec::new();
        let mut buf = String::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !is_word_char(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            let mut prev_digit = c.is_ascii_digit();
            while let Some(&(i, next)) = chars.peek() {
                let joins_number = (next == '.' || next == ',')
                    && prev_digit
                    && text.get(i + 1..).and_then(|r| r.chars().next()).is_some_and(|d| d.is_ascii_digit());
                if is_word_char(next) || joins_number {
                    end = i + next.len_utf8();
                    prev_digit = next.is_ascii_digit();
                    chars.next();
                } else {
                    break;
                }
            }
            let word = text.get(start..end).unwrap_or_default();
            fold(word, &mut buf);
            out.push(Word { start, end, key: fnv(FNV_OFFSET, buf.as_bytes()) });
        }
        out
    }

    #[test]
    fn words_split_as_the_reference_splitter() {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "a", "Z", "0", "7", ".", ",", " ", "ạ", "Ỹ", "đ", "Đ", "×", "÷", "İ", "ǅ", "\u{301}", "\u{a0}", "–", "“",
            "한", "٣", "qu", "t", "i", "ĩ", "/", "%", "Q", "U", "T", "Ĩ", "Ị", "s", "Σ", "ǅ", "ΐ", "ff",
        ]);
        let mut runner = proptest::test_runner::TestRunner::default();
        let strategy = proptest::collection::vec(pieces, 0..16).prop_map(|v| v.concat());
        runner
            .run(&strategy, |text| {
                prop_assert_eq!(words(&text), words_reference(&text));
                Ok(())
            })
            .unwrap();
    }

    /// `all` and `best` as first written: every phrase whose first word is the word, in order.
    fn reference(set: &PhraseSet, words: &[Word]) -> (Vec<PhraseMatch>, Option<PhraseMatch>) {
        let mut candidates: Vec<(PhraseMatch, usize, usize)> = Vec::new();
        let mut best_overall: Option<PhraseMatch> = None;
        for (i, w) in words.iter().enumerate() {
            let mut best: Option<(PhraseMatch, usize)> = None;
            for (phrase, value) in set.phrases.iter().filter(|(p, _)| p.first_key() == Some(w.key)) {
                let Some((end_idx, matched)) = phrase.match_at(words, i) else { continue };
                let end = end_idx.checked_sub(1).and_then(|e| words.get(e)).map_or(w.end, |last| last.end);
                let m = PhraseMatch { value: *value, start: w.start, end, words: matched };
                if best.is_none_or(|(b, _)| matched > b.words) {
                    best = Some((m, end_idx));
                }
                if best_overall.is_none_or(|b| matched > b.words) {
                    best_overall = Some(m);
                }
            }
            if let Some((m, end_idx)) = best {
                candidates.push((m, i, end_idx));
            }
        }
        candidates.sort_by(|a, b| b.0.words.cmp(&a.0.words).then(a.1.cmp(&b.1)));
        let mut taken: Vec<(PhraseMatch, usize, usize)> = Vec::new();
        for c in candidates {
            if taken.iter().all(|t| c.2 <= t.1 || t.2 <= c.1) {
                taken.push(c);
            }
        }
        let mut out: Vec<PhraseMatch> = taken.into_iter().map(|t| t.0).collect();
        out.sort_by_key(|m| m.start);
        (out, best_overall)
    }

    #[test]
    fn the_three_word_index_finds_what_the_first_word_index_found() {
        let vocab = crate::registry::builtin_indicators().unwrap();
        let set = &vocab.phrases;
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/plans");
        let mut files = vec![std::path::PathBuf::from(dir)];
        let mut lines = 0;
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            for line in text.lines() {
                let ws = words(line);
                assert_eq!((set.all(&ws), set.best(&ws)), reference(set, &ws), "{line:?}");
                lines += 1;
            }
        }
        assert!(lines > 1000, "{lines}");
    }

    #[test]
    fn malformed_phrases_are_refused() {
        assert_eq!(Phrase::compile("(toàn dân)"), Err(PhraseError::BadStart));
        assert_eq!(Phrase::compile("a (b"), Err(PhraseError::Unbalanced));
        assert_eq!(Phrase::compile(" ,; "), Err(PhraseError::Empty));
    }
}
