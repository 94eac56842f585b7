//! Bytes → text: UTF-8 (with or without BOM), UTF-16 with a BOM (or recognizably without one),
//! and the recognizable failures — binary files, legacy Vietnamese 8-bit encodings (TCVN3/ABC,
//! VNI), and text that was once in one of those encodings and was converted byte-for-byte.

use std::sync::Arc;

use serde::Serialize;

use super::error::SourceError;

/// Largest file planlint reads, in bytes. Real plans are tens of kilobytes; anything near this
/// size is not a plan, and reading it would only cost time and memory.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// How a file's bytes were decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8 without a byte-order mark.
    Utf8,
    /// UTF-8 starting with a byte-order mark (kept in the original text as U+FEFF).
    Utf8Bom,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
}

/// A legacy Vietnamese encoding recognized from its byte or character patterns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LegacyEncoding {
    /// TCVN 5712 (VN3, "ABC"), the fonts `.VnTime`, `.VnArial`…
    Tcvn3,
    /// VNI Windows, the fonts `VNI-Times`…
    Vni,
}

impl LegacyEncoding {
    /// The name users know it by.
    pub fn name(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "TCVN3 (ABC)",
            LegacyEncoding::Vni => "VNI",
        }
    }
}

/// The text of a file's bytes (shared: the source keeps it as its original text).
pub(super) fn decode(bytes: &[u8]) -> Result<(Arc<str>, Encoding), SourceError> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        if rest.starts_with(&[0, 0]) {
            return Err(SourceError::Unsupported { what: "UTF-32".into(), offset: 0 });
        }
        return decode_utf16(rest, Encoding::Utf16Le, 2).map(shared);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, Encoding::Utf16Be, 2).map(shared);
    }
    if bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(SourceError::Unsupported { what: "UTF-32".into(), offset: 0 });
    }
    if let Some(kind) = binary_signature(bytes) {
        return Err(SourceError::Binary { kind: Some(kind.to_owned()), offset: 0 });
    }
    // Binary files show zero bytes at once; text never has them.
    let head = bytes.get(..bytes.len().min(8 * 1024)).unwrap_or(bytes);
    if let Some(nul) = memchr::memchr(0, head) {
        if let Some(enc) = guess_utf16_without_bom(bytes) {
            return decode_utf16(bytes, enc, 0).map(shared);
        }
        return Err(SourceError::Binary { kind: None, offset: nul });
    }
    // The SIMD validator answers yes or no; on no, the standard one says where.
    let valid = simdutf8::basic::from_utf8(bytes).ok();
    match valid.map_or_else(|| std::str::from_utf8(bytes), Ok) {
        Ok(text) => {
            check_legacy_text(text)?;
            let enc = if text.starts_with('\u{feff}') { Encoding::Utf8Bom } else { Encoding::Utf8 };
            Ok((Arc::from(text), enc))
        }
        Err(err) => {
            let offset = err.valid_up_to();
            let len = err.error_len().unwrap_or(1);
            let found = bytes.get(offset..offset + len).unwrap_or_default().to_vec();
            let legacy = legacy_from_bytes(bytes);
            Err(SourceError::InvalidUtf8 { offset, found, legacy, lossy: String::from_utf8_lossy(bytes).into_owned() })
        }
    }
}

fn shared((text, enc): (String, Encoding)) -> (Arc<str>, Encoding) {
    (Arc::from(text), enc)
}

fn decode_utf16(body: &[u8], enc: Encoding, bom_len: usize) -> Result<(String, Encoding), SourceError> {
    let units = body.chunks(2).map(|pair| match (enc, pair) {
        (Encoding::Utf16Be, [hi, lo]) => u16::from_be_bytes([*hi, *lo]),
        (_, [lo, hi]) => u16::from_le_bytes([*lo, *hi]),
        // An odd trailing byte: an unpaired surrogate value makes the decoder report it.
        _ => 0xD800,
    });
    let mut text = String::with_capacity(body.len());
    for (i, unit) in char::decode_utf16(units).enumerate() {
        match unit {
            Ok(c) => text.push(c),
            Err(_) => {
                return Err(SourceError::Unsupported {
                    what: super::error::UNPAIRED_SURROGATE.into(),
                    offset: bom_len + 2 * i,
                });
            }
        }
    }
    if text.contains('\0') {
        let offset = text.find('\0').unwrap_or(0);
        return Err(SourceError::Binary { kind: None, offset });
    }
    Ok((text, enc))
}

/// UTF-16 without a BOM: ASCII-heavy text has a zero in every other byte.
fn guess_utf16_without_bom(bytes: &[u8]) -> Option<Encoding> {
    let sample = bytes.get(..bytes.len().min(4096))?;
    if sample.len() < 16 || sample.len() % 2 != 0 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_zero * 10 >= pairs * 4 && even_zero * 20 < pairs {
        Some(Encoding::Utf16Le)
    } else if even_zero * 10 >= pairs * 4 && odd_zero * 20 < pairs {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// Well-known binary formats a user may point planlint at by mistake.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"PK\x03\x04", "ZIP (.docx, .xlsx…)"),
        (&[0xD0, 0xCF, 0x11, 0xE0], "Word 97–2003 (.doc)"),
        (b"{\\rtf", "RTF"),
        (&[0x89, b'P', b'N', b'G'], "PNG"),
        (&[0xFF, 0xD8, 0xFF], "JPEG"),
        (b"\x7fELF", "ELF"),
    ];
    SIGNATURES.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, name)| *name)
}

/// Common Vietnamese words as they appear in each legacy encoding, read as single bytes.
/// TCVN3: của=`cña`, và=`vµ`, các=`c¸c`, năm=`n¨m`, Việt=`ViÖt`, nhân=`nh©n`, đến=`®Õn`,
/// thực=`thùc`, hiện=`hiÖn`, định=`®Þnh`, được=`®­îc`.
/// VNI: của=`cuûa`, và=`vaø`, các=`caùc`, năm=`naêm`, Việt=`Vieät`, nhân=`nhaân`, đến=`ñeán`,
/// thực=`thöïc`, hiện=`hieän`, định=`ñònh`, được=`ñöôïc`.
const TCVN3_WORDS: &[&[u8]] = &[
    b"c\xf1a",
    b"v\xb5",
    b"c\xb8c",
    b"n\xa8m",
    b"Vi\xd6t",
    b"nh\xa9n",
    b"\xae\xd5n",
    b"th\xf9c",
    b"hi\xd6n",
    b"\xae\xdenh",
    b"\xae\xad\xeec",
];
const VNI_WORDS: &[&[u8]] = &[
    b"cu\xfba",
    b"va\xf8",
    b"ca\xf9c",
    b"na\xeam",
    b"Vie\xe4t",
    b"nha\xe2n",
    b"\xf1e\xe1n",
    b"th\xf6\xefc",
    b"hie\xe4n",
    b"\xf1\xf2nh",
    b"\xf1\xf6\xf4\xefc",
];

fn count_words(haystack: &[u8], words: &[&[u8]]) -> usize {
    words.iter().map(|w| haystack.windows(w.len()).filter(|window| window == w).count()).sum()
}

fn legacy_from_bytes(bytes: &[u8]) -> Option<LegacyEncoding> {
    let sample = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    let tcvn3 = count_words(sample, TCVN3_WORDS);
    let vni = count_words(sample, VNI_WORDS);
    pick(tcvn3, vni)
}

fn pick(tcvn3: usize, vni: usize) -> Option<LegacyEncoding> {
    if tcvn3 >= 2 && tcvn3 > vni {
        Some(LegacyEncoding::Tcvn3)
    } else if vni >= 2 && vni > tcvn3 {
        Some(LegacyEncoding::Vni)
    } else {
        None
    }
}

/// Valid UTF-8 that carries legacy-encoded Vietnamese: each legacy byte was turned into the
/// Windows-1252/Latin-1 character of the same value (`ViÖt Nam`, `Vieät Nam`).
pub(super) fn check_legacy_text(text: &str) -> Result<(), SourceError> {
    // Cheap gate: legacy text is full of Latin-1 letters and has almost no Vietnamese ones.
    // Legacy text shows in its first lines: 8 KB is plenty.
    let mut sample_end = text.len().min(8 * 1024);
    while !text.is_char_boundary(sample_end) {
        sample_end -= 1;
    }
    let sample = text.get(..sample_end).unwrap_or(text);
    // One pass over the bytes: Latin-1 letters are 0xC2/0xC3 + one byte; letters only
    // Vietnamese has are 0xC4–0xC6 (ă đ ĩ ũ ơ ư) or 0xE1 0xBA/0xBB (ạ ả … ỹ), or combining marks
    // 0xCC 0x80–0xA3 in NFD text.
    let (latin1, vietnamese) = count_letters(sample.as_bytes());
    if latin1 < 8 || vietnamese * 4 > latin1 {
        return Ok(());
    }
    // Map the Latin-1 characters back to bytes and look for the legacy words.
    let bytes: Vec<u8> = sample.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    let legacy = pick(count_words(&bytes, TCVN3_WORDS), count_words(&bytes, VNI_WORDS));
    match legacy {
        Some(encoding) => {
            let offset = first_legacy_offset(text);
            Err(SourceError::LegacyText { encoding, offset })
        }
        None => Ok(()),
    }
}

/// Latin-1 letters (lead bytes 0xC2, 0xC3) and letters only Vietnamese has (lead bytes
/// 0xC4–0xC6, combining marks 0xCC, 0xE1 0xBA/0xBB) in UTF-8 bytes. Branch-free over blocks of
/// 64 pairs of bytes with byte-sized counters, which the compiler turns into vector code.
fn count_letters(bytes: &[u8]) -> (usize, usize) {
    let latin1 = |b: u8| (b | 1) == 0xC3;
    let vietnamese = |b: u8, next: u8| (b.wrapping_sub(0xC4) < 3) | (b == 0xCC) | ((b == 0xE1) & ((next | 1) == 0xBB));
    let Some((&last, firsts)) = bytes.split_last() else {
        return (0, 0);
    };
    let nexts = bytes.get(1..).unwrap_or_default();
    let (mut a, mut b) = (firsts.chunks_exact(64), nexts.chunks_exact(64));
    let (mut l, mut v) = (usize::from(latin1(last)), usize::from(vietnamese(last, 0)));
    for (xs, ys) in (&mut a).zip(&mut b) {
        let (mut bl, mut bv) = (0u8, 0u8);
        for (&x, &y) in xs.iter().zip(ys) {
            bl += u8::from(latin1(x));
            bv += u8::from(vietnamese(x, y));
        }
        l += usize::from(bl);
        v += usize::from(bv);
    }
    for (&x, &y) in a.remainder().iter().zip(b.remainder()) {
        l += usize::from(latin1(x));
        v += usize::from(vietnamese(x, y));
    }
    (l, v)
}

fn first_legacy_offset(text: &str) -> usize {
    text.char_indices().find(|(_, c)| ('\u{a0}'..='\u{ff}').contains(c)).map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_surrogate_is_told_in_vietnamese() {
        // `A`, then a high surrogate with no low one after it.
        let e = decode(&[0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42, 0x00]).unwrap_err();
        assert_eq!(e.offset(), Some(4));
        assert_eq!(e.message().vi, "tệp UTF-16 bị hỏng: có một nửa cặp ký tự (surrogate) đứng lẻ");
        assert!(e.message().en().starts_with("the UTF-16 file is damaged"));
    }

    #[test]
    fn letters_are_counted_as_one_byte_at_a_time() {
        let reference = |bytes: &[u8]| {
            let (mut l, mut v) = (0, 0);
            for (i, &b) in bytes.iter().enumerate() {
                match b {
                    0xC2 | 0xC3 => l += 1,
                    0xC4..=0xC6 | 0xCC => v += 1,
                    0xE1 if matches!(bytes.get(i + 1), Some(0xBA | 0xBB)) => v += 1,
                    _ => {}
                }
            }
            (l, v)
        };
        let text = "Kế hoạch “Việt Nam” à ă đ ĩ ơ ư e\u{301} © ÿ ấ ạ ỹ Ḁ ".repeat(9);
        for end in 0..text.len() {
            let bytes = &text.as_bytes()[..end];
            assert_eq!(count_letters(bytes), reference(bytes), "{end}");
        }
        assert_eq!(count_letters(&[0xE1]), (0, 0));
        assert_eq!(count_letters(&[0xC3, 0xE1, 0xBB]), (1, 1));
    }

    #[test]
    fn tcvn3_bytes_are_named() {
        let bytes = b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam\nK\xd5 ho\xb9ch c\xf1a UBND x\xb7 v\xb5 c\xb8c ban";
        match decode(bytes) {
            Err(SourceError::InvalidUtf8 { legacy, offset, .. }) => {
                assert_eq!(legacy, Some(LegacyEncoding::Tcvn3));
                assert_eq!(offset, 1);
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn vni_bytes_are_named() {
        let bytes = b"Co\xe4ng hoa\xf8 xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam; ke\xe1 hoa\xefch cu\xfba UBND va\xf8 ca\xf9c ban";
        match decode(bytes) {
            Err(SourceError::InvalidUtf8 { legacy, .. }) => {
                assert_eq!(legacy, Some(LegacyEncoding::Vni))
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn tcvn3_converted_to_latin1_characters_is_named() {
        let text = "Céng hoµ x· héi chñ nghÜa ViÖt Nam\nKÕ ho¹ch cña UBND x· vµ c¸c ban ngµnh";
        match decode(text.as_bytes()) {
            Err(SourceError::LegacyText { encoding, .. }) => {
                assert_eq!(encoding, LegacyEncoding::Tcvn3)
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn real_vietnamese_is_not_mistaken_for_legacy() {
        let text = "Cộng hòa xã hội chủ nghĩa Việt Nam — Kế hoạch của UBND xã và các ban ngành, µ ¸ ©";
        assert!(decode(text.as_bytes()).is_ok());
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Kế hoạch số 141/KH-UBND năm 2023";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap(), (Arc::from(text), Encoding::Utf16Le));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(&*decode(&be).unwrap().0, text);
        let bare: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(&*decode(&bare).unwrap().0, text);
    }

    #[test]
    fn binary_files_are_refused_with_their_kind() {
        assert!(matches!(decode(b"%PDF-1.7\n..."), Err(SourceError::Binary { kind: Some(_), .. })));
        assert!(matches!(decode(b"abc\0\x01\x02\x03\xff\xfe"), Err(SourceError::Binary { kind: None, offset: 3 })));
    }
}
