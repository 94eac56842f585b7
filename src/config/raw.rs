//! `planlint.yaml` as serde reads it, and its errors made into located, bilingual messages.
//!
//! serde_yaml places an error raised inside a list or map at the list or map, not at the entry,
//! and words it in English. So the value types here leave a *pending* problem (both languages,
//! and the text of the offending scalar) in a thread-local before failing; the caller takes it
//! and finds the scalar's own place from where serde_yaml stopped. The same thread-local carries
//! the rule codes to check selectors against, when they are known.
//!
//! # Why a thread-local
//!
//! serde's derived `Deserialize` takes no context, and an error can only leave it as the
//! deserializer's own error type (a string for serde_yaml). Passing the known codes in and the
//! bilingual problem out explicitly would mean a `DeserializeSeed` hand-written for every type of
//! the config (the derive cannot thread a seed through fields), or checking the codes in a pass
//! after deserialization — which loses the place serde_yaml stopped at, the only position there
//! is for a scalar deep in a list (serde_yaml keeps no spans), and so moves the errors people
//! see. The thread-local is confined to one call: [`parse`] sets it on the calling thread for
//! the one `serde_yaml::from_str` it makes and clears it when that returns or unwinds; serde_yaml
//! runs the value types' `deserialize` on that same thread, nothing else reads it, and two
//! configs parsed at once on two threads each have their own.

use std::cell::RefCell;
use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::paths::Pattern;
use super::policy::Selector;
use crate::dsl::Stage;
use crate::finding::Severity;
use crate::lang::Lang;
use crate::source::Bilingual;
use crate::yaml::{kind_en, kind_vi};

/// A problem a value type found, waiting to be placed.
#[derive(Debug)]
pub(super) struct Pending {
    pub(super) message: Bilingual,
    pub(super) help: Option<Bilingual>,
    /// The scalar as written (searched for from where the parser stopped), or empty.
    pub(super) token: String,
    /// How many earlier occurrences of the token to pass over.
    pub(super) skip: usize,
}

#[derive(Default)]
struct Context {
    known: Option<Vec<String>>,
    pending: Option<Pending>,
}

thread_local! {
    static CONTEXT: RefCell<Context> = RefCell::new(Context::default());
}

/// Leave `pending` for the caller and fail with its English message.
fn fail<E: de::Error>(pending: Pending) -> E {
    let message = pending.message.en().to_owned();
    CONTEXT.with(|c| c.borrow_mut().pending = Some(pending));
    E::custom(message)
}

fn did_you_mean(word: &str, candidates: &[&str]) -> Option<Bilingual> {
    crate::dsl::suggest(word, candidates.iter().copied())
        .map(|s| Bilingual::new(format!("có phải ý bạn là `{s}`?"), format!("did you mean `{s}`?")))
}

/// Parse a config's text. With `known`, every code and prefix must name one of those rules.
/// `Ok(None)` for a file with nothing in it (or only comments).
pub(super) fn parse(
    text: &str,
    known: Option<&[&str]>,
) -> Result<Option<RawConfig>, (serde_yaml::Error, Option<Box<Pending>>)> {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            CONTEXT.with(|c| *c.borrow_mut() = Context::default());
        }
    }
    let known = known.map(|k| k.iter().map(|s| (*s).to_owned()).collect());
    CONTEXT.with(|c| *c.borrow_mut() = Context { known, pending: None });
    let _reset = Reset;
    serde_yaml::from_str::<Option<RawConfig>>(text)
        .map_err(|e| (e, CONTEXT.with(|c| c.borrow_mut().pending.take().map(Box::new))))
}

/// The file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawConfig {
    pub(super) lang: Option<LangValue>,
    pub(super) stage: Option<StageValue>,
    pub(super) select: Option<Vec<Selector>>,
    pub(super) ignore: Option<Vec<Selector>>,
    pub(super) severity: Option<SeverityMap>,
    pub(super) overrides: Option<Vec<RawOverride>>,
    pub(super) rules: Option<Vec<PathBuf>>,
    pub(super) registries: Option<Vec<PathBuf>>,
    pub(super) parents: Option<Vec<PathBuf>>,
    pub(super) exclude: Option<Vec<Pattern>>,
}

/// One entry of `overrides`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOverride {
    pub(super) paths: Patterns,
    pub(super) select: Option<Vec<Selector>>,
    pub(super) ignore: Option<Vec<Selector>>,
    pub(super) severity: Option<SeverityMap>,
    pub(super) stage: Option<StageValue>,
}

/// A value out of a fixed list, with did-you-mean.
fn one_of<E: de::Error>(written: &str, allowed: &[&str], message: Bilingual, list: Bilingual) -> E {
    let help = match did_you_mean(written, allowed) {
        Some(d) => Bilingual::new(format!("{} ({})", d.vi, list.vi), format!("{} ({})", d.en(), list.en())),
        None => list,
    };
    fail(Pending { message, help: Some(help), token: written.to_owned(), skip: 0 })
}

/// `lang:`.
#[derive(Debug, Clone, Copy)]
pub(super) struct LangValue(pub(super) Lang);

impl<'de> Deserialize<'de> for LangValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.trim() {
            "vi" => Ok(Self(Lang::Vi)),
            "en" => Ok(Self(Lang::En)),
            other => Err(one_of(
                other,
                &["vi", "en"],
                Bilingual::new(format!("`{other}` không phải ngôn ngữ"), format!("`{other}` is not a language")),
                Bilingual::new("`lang` nhận `vi` hoặc `en`", "`lang` takes `vi` or `en`"),
            )),
        }
    }
}

/// `stage:`.
#[derive(Debug, Clone, Copy)]
pub(super) struct StageValue(pub(super) Stage);

impl<'de> Deserialize<'de> for StageValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.trim() {
            "draft" => Ok(Self(Stage::Draft)),
            "final" => Ok(Self(Stage::Final)),
            other => Err(one_of(
                other,
                &["draft", "final"],
                Bilingual::new(format!("`{other}` không phải giai đoạn"), format!("`{other}` is not a stage")),
                Bilingual::new(
                    "`stage` nhận `draft` (đang soạn) hoặc `final` (sắp ký ban hành)",
                    "`stage` takes `draft` (being written) or `final` (about to be signed)",
                ),
            )),
        }
    }
}

/// A severity in `severity:`; `None` for `off`.
struct LevelValue(Option<Severity>);

impl<'de> Deserialize<'de> for LevelValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.trim() {
            "error" => Ok(Self(Some(Severity::Error))),
            "warning" => Ok(Self(Some(Severity::Warning))),
            "info" => Ok(Self(Some(Severity::Info))),
            "off" => Ok(Self(None)),
            other => Err(one_of(
                other,
                &["error", "warning", "info", "off"],
                Bilingual::new(format!("`{other}` không phải mức độ"), format!("`{other}` is not a severity")),
                Bilingual::new(
                    "mức độ là `error`, `warning`, `info` hoặc `off` (tắt)",
                    "a severity is `error`, `warning`, `info` or `off`",
                ),
            )),
        }
    }
}

impl<'de> Deserialize<'de> for Selector {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        selector(&String::deserialize(d)?).map_err(|p| fail(*p))
    }
}

/// A code or prefix as written, checked against the known codes when there are some.
fn selector(written: &str) -> Result<Selector, Box<Pending>> {
    let token = written.trim().to_owned();
    let sel = Selector::parse(written)
        .map_err(|(message, help)| Box::new(Pending { message, help, token: token.clone(), skip: 0 }))?;
    let checked = CONTEXT.with(|c| {
        let c = c.borrow();
        let known: Option<Vec<&str>> = c.known.as_ref().map(|k| k.iter().map(String::as_str).collect());
        known.map_or(Ok(()), |k| sel.check_known(&k))
    });
    checked.map_err(|(message, help)| Box::new(Pending { message, help, token, skip: 0 }))?;
    Ok(sel)
}

/// `severity:` — codes or prefixes to severities, in the order written.
#[derive(Debug, Default)]
pub(super) struct SeverityMap(pub(super) Vec<(Selector, Option<Severity>)>);

impl<'de> Deserialize<'de> for SeverityMap {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MapVisitor;
        impl<'de> Visitor<'de> for MapVisitor {
            type Value = SeverityMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SeverityMap, A::Error> {
                let mut out: Vec<(Selector, Option<Severity>)> = Vec::new();
                let mut written: Vec<String> = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let sel = selector(&key).map_err(|p| fail(*p))?;
                    let LevelValue(level) = map.next_value()?;
                    let key = key.trim().to_owned();
                    if out.iter().any(|(k, _)| *k == sel) {
                        let name = sel.written();
                        return Err(fail(Pending {
                            message: Bilingual::new(
                                format!("`{name}` được ghi hai lần trong `severity`"),
                                format!("`{name}` is written twice in `severity`"),
                            ),
                            help: Some(Bilingual::new("giữ một dòng", "keep one line")),
                            skip: written.iter().filter(|w| **w == key).count(),
                            token: key,
                        }));
                    }
                    out.push((sel, level));
                    written.push(key);
                }
                Ok(SeverityMap(out))
            }
        }
        d.deserialize_map(MapVisitor)
    }
}

/// `paths:` of an override — at least one pattern.
#[derive(Debug)]
pub(super) struct Patterns(pub(super) Vec<Pattern>);

impl<'de> Deserialize<'de> for Pattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Pattern::parse(&s).map_err(|why| {
            fail(Pending {
                message: Bilingual::new(
                    format!("mẫu đường dẫn `{s}` không hợp lệ: {}", why.vi),
                    format!("invalid path pattern `{s}`: {}", why.en()),
                ),
                help: Some(Bilingual::new(
                    "mẫu dùng `*` (trong một thư mục), `**` (qua nhiều thư mục), `?`, `[abc]`, `{a,b}`: `communes/**/*.md`",
                    "patterns use `*` (within a directory), `**` (across directories), `?`, `[abc]`, `{a,b}`: `communes/**/*.md`",
                )),
                token: s.clone(),
                skip: 0,
            })
        })
    }
}

impl<'de> Deserialize<'de> for Patterns {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list = Vec::<Pattern>::deserialize(d)?;
        if list.is_empty() {
            return Err(fail(Pending {
                message: Bilingual::new("`paths` không có mẫu nào", "`paths` has no pattern"),
                help: Some(Bilingual::new(
                    "ghi các tệp mà mục này áp dụng, ví dụ `paths: [\"communes/**/*.md\"]`",
                    "list the files this entry applies to, e.g. `paths: [\"communes/**/*.md\"]`",
                )),
                token: String::new(),
                skip: 0,
            }));
        }
        Ok(Self(list))
    }
}

/// Where to underline: the scalar `token` at or after `from` (a whole word, outside comments),
/// else the key or value that starts at `from`.
pub(super) fn place(text: &str, from: usize, token: &str, skip: usize) -> (usize, usize) {
    let mut found = find_token(text, from, token);
    for _ in 0..skip {
        found = found.and_then(|at| find_token(text, at + token.len(), token)).or(found);
    }
    if let Some(at) = found {
        return (at, token.len());
    }
    let len = text.get(from..).map_or(1, |rest| {
        let line = rest.split('\n').next().unwrap_or("");
        // A key (`stage:`) or a value up to a comment.
        let end = line.find(": ").or_else(|| line.strip_suffix(':').map(str::len)).or_else(|| line.find(" #"));
        end.unwrap_or(line.trim_end().len()).max(1)
    });
    (from, len)
}

fn find_token(text: &str, from: usize, token: &str) -> Option<usize> {
    if token.is_empty() {
        return None;
    }
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '/');
    let mut at = from;
    while let Some(i) = text.get(at..).and_then(|rest| rest.find(token)) {
        let start = at + i;
        let end = start + token.len();
        let before = text.get(..start).and_then(|t| t.chars().next_back());
        let after = text.get(end..).and_then(|t| t.chars().next());
        let line_start = text.get(..start).and_then(|t| t.rfind('\n')).map_or(0, |n| n + 1);
        let in_comment = text.get(line_start..start).is_some_and(|l| l.starts_with('#') || l.contains(" #"));
        if !word(before) && !word(after) && !in_comment {
            return Some(start);
        }
        at = end;
    }
    None
}

/// serde_yaml's message for a problem serde found itself, in both languages, with help.
pub(super) fn translate(full: &str, lang: Lang) -> (String, Option<String>) {
    // `overrides[0].select: invalid type: … at line 3 column 13`: drop the place, said elsewhere.
    let unplaced = regex::Regex::new(r" at line \d+ column \d+").map(|re| re.replace_all(full, "").into_owned());
    let msg = unplaced.as_deref().unwrap_or(full);
    let after = |marker: &str| msg.find(marker).and_then(|i| msg.get(i + marker.len()..));
    let ticked = |s: &str| s.split('`').skip(1).step_by(2).map(str::to_owned).collect::<Vec<_>>();
    let pick = |b: Bilingual| b.into_lang(lang);
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
        let message =
            Bilingual::new(format!("khóa `{key}` không có trong cấu hình"), format!("unknown config key `{key}`"));
        return (pick(message), Some(pick(help)));
    }
    if let Some(rest) = after("missing field ") {
        let key = ticked(rest).into_iter().next().unwrap_or_default();
        let help = (key == "paths").then(|| {
            Bilingual::new(
                "mỗi mục của `overrides` cần `paths`: các mẫu đường dẫn như `communes/**/*.md`",
                "each entry of `overrides` needs `paths`: path patterns such as `communes/**/*.md`",
            )
        });
        return (pick(Bilingual::new(format!("thiếu khóa `{key}`"), format!("missing key `{key}`"))), help.map(pick));
    }
    if let Some(rest) = after("duplicate field ") {
        let key = ticked(rest).into_iter().next().unwrap_or_default();
        let m = Bilingual::new(format!("khóa `{key}` được ghi hai lần"), format!("the key `{key}` is written twice"));
        return (pick(m), None);
    }
    if let Some(rest) = after("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let m = Bilingual::new(
            format!("giá trị không đúng kiểu: cần {}, gặp {}", kind_vi(expected), kind_vi(found)),
            format!("wrong kind of value: expected {}, found {}", kind_en(expected), kind_en(found)),
        );
        return (pick(m), None);
    }
    let (m, help) = crate::yaml::translate_text(msg, &Bilingual::new("tệp cấu hình", "the config file"));
    (pick(m), help.map(pick))
}
