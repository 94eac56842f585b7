//! Limits on the YAML files planlint reads for itself (`planlint.yaml`, user registries), and
//! serde_yaml's errors in words people read.
//!
//! YAML anchors and aliases let a small file stand for an enormous value: each level of a
//! "billion laughs" file repeats the level before it ten times, so 400 KB describe more values
//! than memory holds. serde_yaml 0.9 expands every alias as it deserializes; its only guard is a
//! cap of 100 alias jumps per event of the file, and each jump may replay a subtree as large as
//! the file, so a crafted file still costs minutes and gigabytes. Before a file is deserialized
//! for real, [`check_limits`] walks it once with a visitor that keeps nothing and counts every
//! value it is shown, aliases expanded, and how deep they nest; it stops at the first limit
//! passed, so the cost of a hostile file is bounded by the limits, not by its expansion.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

use crate::source::Bilingual;

/// Largest YAML file planlint reads (a config or a registry), in bytes. The built-in registries
/// are under 32 KB each; a config is a few hundred bytes.
pub const MAX_YAML_BYTES: usize = 4 * 1024 * 1024;

/// Most values a YAML file may hold once its aliases (`*name`) are expanded: every scalar, list
/// and mapping counts one. A file without aliases holds fewer values than it has bytes.
pub const MAX_YAML_VALUES: usize = 1_000_000;

/// Deepest nesting of lists and mappings in a YAML file (aliases expanded).
pub const MAX_YAML_DEPTH: usize = 64;

/// Which limit a YAML file passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YamlLimit {
    /// [`MAX_YAML_BYTES`]: the file's size, in bytes.
    Bytes(usize),
    /// [`MAX_YAML_VALUES`].
    Values,
    /// [`MAX_YAML_DEPTH`].
    Depth,
}

/// A YAML file over one of the limits, and where in it the limit was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LimitError {
    /// The limit.
    pub(crate) limit: YamlLimit,
    /// Byte offset in the text where reading stopped (0 for the size limit).
    pub(crate) offset: usize,
}

impl LimitError {
    /// What is wrong, naming the limit.
    pub(crate) fn message(&self) -> Bilingual {
        match self.limit {
            YamlLimit::Bytes(size) => Bilingual::new(
                format!("tệp YAML quá lớn: {size} byte, vượt giới hạn MAX_YAML_BYTES = {MAX_YAML_BYTES} byte (4 MB)"),
                format!(
                    "the YAML file is too large: {size} bytes, over the limit MAX_YAML_BYTES = {MAX_YAML_BYTES} bytes (4 MB)"
                ),
            ),
            YamlLimit::Values => Bilingual::new(
                format!(
                    "tệp YAML có quá nhiều giá trị khi mở rộng các bí danh (`*tên`): vượt giới hạn MAX_YAML_VALUES = {MAX_YAML_VALUES}"
                ),
                format!(
                    "the YAML file holds too many values once its aliases (`*name`) are expanded: over the limit MAX_YAML_VALUES = {MAX_YAML_VALUES}"
                ),
            ),
            YamlLimit::Depth => Bilingual::new(
                format!(
                    "tệp YAML lồng nhau quá sâu: vượt giới hạn MAX_YAML_DEPTH = {MAX_YAML_DEPTH} tầng danh sách hoặc bảng"
                ),
                format!(
                    "the YAML file nests too deep: over the limit MAX_YAML_DEPTH = {MAX_YAML_DEPTH} levels of lists or mappings"
                ),
            ),
        }
    }

    /// How to fix it.
    pub(crate) fn help(&self) -> Bilingual {
        match self.limit {
            YamlLimit::Bytes(_) => Bilingual::new(
                "kiểm tra lại có đúng tệp không; tệp cấu hình và danh mục thường chỉ vài chục KB, có thể tách thành nhiều tệp",
                "check that this is the right file; configs and registries are usually tens of kilobytes, and may be split into several files",
            ),
            YamlLimit::Values => Bilingual::new(
                "viết thẳng các giá trị thay vì dùng neo (`&tên`) và bí danh (`*tên`) lồng nhau",
                "write the values out instead of nesting anchors (`&name`) and aliases (`*name`)",
            ),
            YamlLimit::Depth => Bilingual::new(
                "giảm số tầng lồng nhau; tệp của planlint chỉ cần vài tầng",
                "nest fewer levels; planlint's files need only a few",
            ),
        }
    }
}

/// Check a YAML text against [`MAX_YAML_BYTES`], [`MAX_YAML_VALUES`] and [`MAX_YAML_DEPTH`].
/// A text that does not parse passes: the real deserialization reports its syntax error.
pub(crate) fn check_limits(text: &str) -> Result<(), LimitError> {
    if text.len() > MAX_YAML_BYTES {
        return Err(LimitError { limit: YamlLimit::Bytes(text.len()), offset: 0 });
    }
    let state = State { values: Cell::new(0), hit: Cell::new(None) };
    for doc in serde_yaml::Deserializer::from_str(text) {
        let result = (Count { state: &state, depth: 0 }).deserialize(doc);
        if let Some(limit) = state.hit.get() {
            let offset = result.err().and_then(|e| e.location()).map_or(0, |l| l.index()).min(text.len());
            return Err(LimitError { limit, offset });
        }
        if let Err(e) = result {
            // serde_yaml's own guards against expansion are limits passed as well: reading the
            // file for real would do the same work again before failing the same way.
            let limit = match e.to_string() {
                m if m.starts_with("repetition limit exceeded") => YamlLimit::Values,
                m if m.starts_with("recursion limit exceeded") => YamlLimit::Depth,
                // A syntax error: the real deserialization reports it.
                _ => break,
            };
            let offset = e.location().map_or(0, |l| l.index()).min(text.len());
            return Err(LimitError { limit, offset });
        }
    }
    Ok(())
}

/// Length of the token at `offset` (up to a space, a comma or a bracket), to underline where a
/// limit was reached without underlining a whole (maybe enormous) line.
pub(crate) fn token_len(text: &str, offset: usize) -> usize {
    text.get(offset..)
        .map(|rest| rest.find(|c: char| c.is_whitespace() || ",[]{}".contains(c)).unwrap_or(rest.len()))
        .map_or(0, |n| n.max(1).min(text.len().saturating_sub(offset)))
}

/// Read a YAML file planlint uses for itself, refusing directories and files over
/// [`MAX_YAML_BYTES`] before reading them (and stopping there, whatever the file claims); the
/// error is why, in both languages.
pub(crate) fn read(path: &std::path::Path) -> Result<String, Bilingual> {
    use std::io::Read;
    let too_large = |size: usize| LimitError { limit: YamlLimit::Bytes(size), offset: 0 }.message();
    let meta = std::fs::metadata(path).map_err(|e| crate::source::Unreadable::from_io(&e).text())?;
    if meta.is_dir() {
        return Err(crate::source::Unreadable::Directory.text());
    }
    if meta.len() > MAX_YAML_BYTES as u64 {
        return Err(too_large(usize::try_from(meta.len()).unwrap_or(usize::MAX)));
    }
    let mut bytes = Vec::new();
    // A named pipe or device given by name is read, but no further than the limit.
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_YAML_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| crate::source::Unreadable::from_io(&e).text())?;
    if bytes.len() > MAX_YAML_BYTES {
        return Err(too_large(bytes.len()));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        Bilingual::new(
            format!(
                "nội dung không phải văn bản UTF-8 (byte không hợp lệ ở vị trí {offset}); hãy lưu lại với bảng mã UTF-8"
            ),
            format!("the content is not UTF-8 text (an invalid byte at offset {offset}); save it again as UTF-8"),
        )
    })
}

/// What the counting walk has seen.
struct State {
    values: Cell<usize>,
    hit: Cell<Option<YamlLimit>>,
}

/// A value to count, `depth` lists and mappings down.
#[derive(Clone, Copy)]
struct Count<'a> {
    state: &'a State,
    depth: usize,
}

impl Count<'_> {
    /// Count one value; fail when a limit is passed.
    fn one<E: de::Error>(self) -> Result<(), E> {
        let n = self.state.values.get() + 1;
        self.state.values.set(n);
        let hit = if n > MAX_YAML_VALUES {
            Some(YamlLimit::Values)
        } else if self.depth > MAX_YAML_DEPTH {
            Some(YamlLimit::Depth)
        } else {
            None
        };
        match hit {
            Some(limit) => {
                self.state.hit.set(Some(limit));
                Err(E::custom("planlint YAML limit"))
            }
            None => Ok(()),
        }
    }

    fn child(self) -> Self {
        Self { depth: self.depth + 1, ..self }
    }
}

impl<'de> DeserializeSeed<'de> for Count<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Count<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.one()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.one()
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.one()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.one()
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.one()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.one()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.one()
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<(), E> {
        self.one()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.one()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.one()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.child().one()?;
        while seq.next_element_seed(self.child())?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.child().one()?;
        while map.next_entry_seed(self.child(), self.child())?.is_some() {}
        Ok(())
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        // A tagged value (`!tag value`): the tag, then the value.
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self.child())
    }
}

/// A serde_yaml error as a message and maybe a help line, in both languages. `what` names the
/// file in the message (`tệp danh mục` / `the registry file`). The parser's own English is kept
/// only as a secondary detail where it adds something (a syntax error's wording).
pub(crate) fn translate(err: &serde_yaml::Error, what: &Bilingual) -> (Bilingual, Option<Bilingual>) {
    translate_text(&err.to_string(), what)
}

/// [`translate`], from the error's English text.
pub(crate) fn translate_text(full: &str, what: &Bilingual) -> (Bilingual, Option<Bilingual>) {
    // The place is said by the located diagnostic: drop `at line … column …`.
    let msg = match full.find(" at line ") {
        Some(i) => full.get(..i).unwrap_or(full),
        None => full,
    };
    // `documents[3].date: invalid type: …`: the path before the first `: `, when there is one.
    let (path, msg) = match msg.split_once(": ") {
        Some((p, rest)) if !p.contains(' ') && !p.is_empty() => (Some(p), rest),
        _ => (None, msg),
    };
    let at = |b: Bilingual| match path {
        Some(p) => Bilingual::new(format!("{} (ở `{p}`)", b.vi), format!("{} (at `{p}`)", b.en())),
        None => b,
    };
    let after = |marker: &str| msg.find(marker).and_then(|i| msg.get(i + marker.len()..));
    let ticked = |s: &str| s.split('`').skip(1).step_by(2).map(str::to_owned).collect::<Vec<_>>();
    if let Some(rest) = after("unknown field ") {
        let words = ticked(rest);
        let key = words.first().cloned().unwrap_or_default();
        let expected: Vec<&str> = words.iter().skip(1).map(String::as_str).collect();
        let list = expected.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        let help = match crate::dsl::suggest(&key, expected.iter().copied()) {
            Some(s) => Bilingual::new(
                format!("có phải ý bạn là `{s}`? (các khóa ở đây: {list})"),
                format!("did you mean `{s}`? (keys here: {list})"),
            ),
            None => Bilingual::new(format!("các khóa ở đây: {list}"), format!("keys here: {list}")),
        };
        return (
            at(Bilingual::new(format!("khóa `{key}` không có ở đây"), format!("unknown key `{key}`"))),
            Some(help),
        );
    }
    if let Some(rest) = after("unknown variant ") {
        let words = ticked(rest);
        let value = words.first().cloned().unwrap_or_default();
        let list = words.iter().skip(1).map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
        return (
            at(Bilingual::new(
                format!("giá trị `{value}` không dùng được ở đây"),
                format!("`{value}` is not allowed here"),
            )),
            Some(Bilingual::new(format!("các giá trị được dùng: {list}"), format!("allowed values: {list}"))),
        );
    }
    if let Some(rest) = after("missing field ") {
        let key = ticked(rest).into_iter().next().unwrap_or_default();
        return (at(Bilingual::new(format!("thiếu khóa `{key}`"), format!("missing key `{key}`"))), None);
    }
    if let Some(rest) = after("duplicate field ") {
        let key = ticked(rest).into_iter().next().unwrap_or_default();
        return (
            at(Bilingual::new(format!("khóa `{key}` được ghi hai lần"), format!("the key `{key}` is written twice"))),
            None,
        );
    }
    if let Some(rest) = after("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            at(Bilingual::new(
                format!("giá trị không đúng kiểu: cần {}, gặp {}", kind_vi(expected), kind_vi(found)),
                format!("wrong kind of value: expected {}, found {}", kind_en(expected), kind_en(found)),
            )),
            None,
        );
    }
    if let Some(rest) = after("invalid value: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            at(Bilingual::new(
                format!("giá trị không hợp lệ: cần {}, gặp {}", kind_vi(expected), kind_vi(found)),
                format!("invalid value: expected {}, found {}", kind_en(expected), kind_en(found)),
            )),
            None,
        );
    }
    // The custom errors of planlint's own value types.
    let quoted = ticked(msg).into_iter().next().unwrap_or_default();
    if msg.ends_with(" is not a date (YYYY-MM-DD)") {
        return (
            at(Bilingual::new(
                format!("`{quoted}` không phải ngày hợp lệ (dạng NĂM-THÁNG-NGÀY, ví dụ 2024-02-01)"),
                format!("`{quoted}` is not a date (YYYY-MM-DD, e.g. 2024-02-01)"),
            )),
            None,
        );
    }
    if msg.ends_with(" is not a plain decimal number") {
        return (
            at(Bilingual::new(
                format!("`{quoted}` không phải một số thập phân đơn giản (ví dụ 96 hoặc 75.5)"),
                format!("`{quoted}` is not a plain decimal number (e.g. 96 or 75.5)"),
            )),
            None,
        );
    }
    if msg.starts_with("recursion limit exceeded") {
        return (
            Bilingual::new(
                format!("{} lồng nhau quá sâu (quá 128 tầng)", what.vi),
                format!("{} nests too deep (over 128 levels)", what.en()),
            ),
            None,
        );
    }
    if msg.starts_with("repetition limit exceeded") {
        let e = LimitError { limit: YamlLimit::Values, offset: 0 };
        return (e.message(), Some(e.help()));
    }
    if msg.starts_with("unknown anchor") {
        return (
            Bilingual::new(
                "bí danh (`*tên`) trỏ tới một neo (`&tên`) chưa được khai báo ở trước",
                "an alias (`*name`) names an anchor (`&name`) not defined before it",
            ),
            None,
        );
    }
    if msg.starts_with("deserializing from YAML containing more than one document") {
        return (
            Bilingual::new(
                format!("{} chứa nhiều tài liệu YAML (ngăn cách bởi `---`); chỉ được có một", what.vi),
                format!("{} holds several YAML documents (separated by `---`); only one is allowed", what.en()),
            ),
            None,
        );
    }
    if path.is_some() {
        // An error about a value, in words of the library's only.
        return (
            at(Bilingual::new(
                format!("giá trị không hợp lệ (chi tiết kỹ thuật: {msg})"),
                format!("invalid value: {msg}"),
            )),
            None,
        );
    }
    let vi = syntax_vi(msg);
    let message = if vi == msg {
        // No Vietnamese for this wording: say so in Vietnamese, the parser's words after.
        Bilingual::new(
            format!("{} không phải YAML hợp lệ (chi tiết kỹ thuật: {msg})", what.vi),
            format!("{} is not valid YAML: {msg}", what.en()),
        )
    } else {
        Bilingual::new(
            format!("{} không phải YAML hợp lệ: {vi}", what.vi),
            format!("{} is not valid YAML: {msg}", what.en()),
        )
    };
    let help = Bilingual::new(
        "xem lại dấu ngoặc, dấu phẩy, dấu hai chấm và thụt lề (chỉ dùng dấu cách) ở quanh chỗ này",
        "check the brackets, commas, colons and indentation (spaces only) around here",
    );
    (message, Some(help))
}

/// The YAML parser's usual complaints, in Vietnamese. A wording not listed comes back as it is.
pub(crate) fn syntax_vi(msg: &str) -> String {
    const PHRASES: &[(&str, &str)] = &[
        ("did not find expected ',' or ']'", "thiếu `,` hoặc `]`"),
        ("did not find expected ',' or '}'", "thiếu `,` hoặc `}`"),
        ("while parsing a flow sequence", "trong danh sách `[…]`"),
        ("while parsing a flow mapping", "trong bảng `{…}`"),
        ("while parsing a block mapping", "trong bảng `khóa: giá trị`"),
        ("while parsing a block collection", "trong danh sách `- …`"),
        ("while parsing a block node", "trong một giá trị"),
        ("while parsing a flow node", "trong một giá trị"),
        ("while parsing a node", "trong một giá trị"),
        ("did not find expected key", "không thấy khóa ở chỗ cần có (thụt lề sai?)"),
        ("did not find expected '-' indicator", "không thấy dấu `-` của mục danh sách (thụt lề sai?)"),
        ("did not find expected node content", "thiếu giá trị ở chỗ cần có"),
        ("mapping values are not allowed in this context", "không được viết `khóa: giá trị` ở chỗ này"),
        ("found character that cannot start any token", "có ký tự không thể mở đầu một giá trị (dấu tab?)"),
        ("found unexpected end of stream", "tệp kết thúc giữa chừng"),
        ("found unknown escape character", "có ký tự thoát `\\` không hợp lệ"),
        ("found undefined tag handle", "có thẻ `!` chưa được khai báo"),
        ("while scanning a quoted scalar", "trong một chuỗi trong ngoặc kép"),
        ("while scanning a simple key", "khi đọc một khóa"),
        ("could not find expected ':'", "thiếu dấu `:`"),
        ("while scanning an anchor", "khi đọc một neo `&tên`"),
        ("while scanning an alias", "khi đọc một bí danh `*tên`"),
        ("did not find expected alphabetic or numeric character", "thiếu chữ hoặc số sau `&` hoặc `*`"),
        ("while scanning a block scalar", "trong một khối văn bản `|` hoặc `>`"),
        ("while scanning a tag", "khi đọc một thẻ `!`"),
        ("found a tab character that violates indentation", "có dấu tab làm sai thụt lề (chỉ dùng dấu cách)"),
        ("found a tab character where an indentation space is expected", "có dấu tab ở chỗ cần dấu cách thụt lề"),
        ("block sequence entries are not allowed in this context", "không được viết mục danh sách `- …` ở chỗ này"),
        ("did not find expected <document start>", "thiếu dấu mở tài liệu `---`"),
        ("control characters are not allowed", "có ký tự điều khiển không được phép"),
        ("invalid leading UTF-8 octet", "có byte UTF-8 không hợp lệ"),
        ("invalid trailing UTF-8 octet", "có byte UTF-8 không hợp lệ"),
        ("found duplicate anchor", "có hai neo `&` trùng tên"),
        ("line ", "dòng "),
        (" column ", " cột "),
    ];
    let mut translated = msg.to_owned();
    let mut any = false;
    for (en, vi) in PHRASES {
        if translated.contains(en) {
            // Only place words (`line`, `column`) alone do not make a translation.
            any |= !en.trim().chars().all(|c| c.is_ascii_lowercase());
            translated = translated.replace(en, vi);
        }
    }
    if any { translated } else { msg.to_owned() }
}

/// serde's names of kinds of values, for people.
pub(crate) fn kind_en(what: &str) -> String {
    match what {
        "a sequence" | "sequence" => "a list".to_owned(),
        "a map" | "map" => "a mapping of `key: value`".to_owned(),
        "unit value" => "nothing".to_owned(),
        w if w.starts_with("struct ") => "a mapping of `key: value`".to_owned(),
        w => w.to_owned(),
    }
}

/// serde's names of kinds of values, in Vietnamese.
pub(crate) fn kind_vi(what: &str) -> String {
    let (head, value) = what.split_once(' ').unwrap_or((what, ""));
    match (head, what) {
        (_, "a sequence" | "sequence") => "một danh sách".to_owned(),
        (_, "a map" | "map") => "một bảng `khóa: giá trị`".to_owned(),
        (_, "a string") => "một chuỗi".to_owned(),
        (_, "unit value") => "giá trị trống".to_owned(),
        (_, "a boolean") => "giá trị đúng/sai".to_owned(),
        (_, "i32" | "i64" | "u32" | "u64" | "u8" | "u16" | "usize" | "an integer") => "một số nguyên".to_owned(),
        (_, "f64" | "f32" | "a float") => "một số".to_owned(),
        ("struct", _) => "một bảng `khóa: giá trị`".to_owned(),
        ("string", _) => format!("chuỗi {value}"),
        ("integer" | "floating", _) => format!("số {}", value.trim_start_matches("point ")),
        ("boolean", _) => format!("giá trị đúng/sai {value}"),
        ("a", _) | ("an", _) => format!("{what} (theo mô tả của thư viện)"),
        _ => what.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A "billion laughs" file: `levels` levels, each naming the one before `fan` times.
    fn laughs(levels: usize, fan: usize) -> String {
        let mut s = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for i in 1..levels {
            let refs = vec![format!("*a{}", i - 1); fan].join(", ");
            s.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        s
    }

    #[test]
    fn alias_amplification_stops_at_the_value_limit() {
        let text = laughs(9, 10);
        let e = check_limits(&text).unwrap_err();
        assert_eq!(e.limit, YamlLimit::Values);
        assert!(e.offset <= text.len());
        assert!(e.message().vi.contains("MAX_YAML_VALUES"), "{:?}", e.message());
        assert!(e.message().en().contains("MAX_YAML_VALUES"));
        // A few aliases are fine.
        assert_eq!(check_limits(&laughs(3, 3)), Ok(()));
    }

    #[test]
    fn deep_nesting_stops_at_the_depth_limit() {
        let deep = format!("{}x{}", "[".repeat(MAX_YAML_DEPTH + 1), "]".repeat(MAX_YAML_DEPTH + 1));
        assert_eq!(check_limits(&deep).unwrap_err().limit, YamlLimit::Depth);
        let ok = format!("{}x{}", "[".repeat(MAX_YAML_DEPTH), "]".repeat(MAX_YAML_DEPTH));
        assert_eq!(check_limits(&ok), Ok(()));
        // Aliases count their depth where they are used.
        let mut nested = String::from("a: &a [[[[[[[[x]]]]]]]]\n");
        for i in 0..10 {
            nested.push_str(&format!(
                "b{i}: &b{i} [[[[[[[[*{}]]]]]]]]\n",
                if i == 0 { "a".to_owned() } else { format!("b{}", i - 1) }
            ));
        }
        assert_eq!(check_limits(&nested).unwrap_err().limit, YamlLimit::Depth);
    }

    #[test]
    fn size_limit_is_checked_before_parsing() {
        let big = "# x\n".repeat(MAX_YAML_BYTES / 4 + 1);
        let e = check_limits(&big).unwrap_err();
        assert_eq!(e.limit, YamlLimit::Bytes(big.len()));
        assert!(e.message().vi.contains("MAX_YAML_BYTES"));
    }

    #[test]
    fn ordinary_files_and_syntax_errors_pass() {
        assert_eq!(check_limits("lang: vi\nselect: [T, L]\n"), Ok(()));
        assert_eq!(check_limits("[ not: closed"), Ok(()));
        assert_eq!(check_limits(""), Ok(()));
        assert_eq!(check_limits("a: !tag {b: 1}\n---\nc: 2\n"), Ok(()));
    }

    #[test]
    fn serde_errors_read_in_vietnamese() {
        let what = Bilingual::new("tệp danh mục", "the registry file");
        let e = serde_yaml::from_str::<Vec<u32>>("[1, 2").unwrap_err();
        let (m, help) = translate(&e, &what);
        assert!(m.vi.starts_with("tệp danh mục không phải YAML hợp lệ"), "{}", m.vi);
        assert!(!m.vi.contains("did not find"), "{}", m.vi);
        assert!(help.is_some());
        let e = serde_yaml::from_str::<Vec<u32>>("[a]").unwrap_err();
        let (m, _) = translate(&e, &what);
        assert!(m.vi.starts_with("giá trị không đúng kiểu: cần một số nguyên, gặp chuỗi \"a\""), "{}", m.vi);
        assert!(m.en().starts_with("wrong kind of value"), "{}", m.en());
    }
}
