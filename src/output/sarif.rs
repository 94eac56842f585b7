//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning accepts it. One run; results are written
//! as they come, and `tool.driver` (with the rules) after them, since JSON objects have no key
//! order: a code that no rule of the catalogue has (a newer engine code) gets a rule entry there
//! too. Columns count Unicode code points (`columnKind`), as everywhere in planlint.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use serde::Serialize;

use super::{FileReport, Out, Position, Record, RuleMeta, Sink, SinkOptions, Summary, portable_path};
use crate::finding::Severity;
use crate::lang::Lang;

/// Where SARIF consumers find the schema (the address GitHub's documentation uses).
const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base every relative path is resolved against: the root of the checked-out repository.
const SRCROOT: &str = "%SRCROOT%";

/// The key of planlint's fingerprint in `partialFingerprints`; the version changes if the hash
/// ever does.
const FINGERPRINT_KEY: &str = "planlint/v1";

pub(super) struct SarifSink<'w> {
    out: Out<'w>,
    lang: Lang,
    rules: Vec<RuleMeta>,
    index: HashMap<String, usize>,
    opened: bool,
    written: usize,
}

impl<'w> SarifSink<'w> {
    pub(super) fn new(out: Out<'w>, opts: &SinkOptions) -> Self {
        let rules = opts.rules.clone();
        let index = rules.iter().enumerate().map(|(i, r)| (r.code.clone(), i)).collect();
        Self { out, lang: opts.lang, rules, index, opened: false, written: 0 }
    }

    fn open(&mut self) -> io::Result<()> {
        if !self.opened {
            self.opened = true;
            write!(
                self.out,
                "{{\n  \"$schema\": \"{SCHEMA}\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n    {{\n      \
                 \"language\": \"{}\",\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [",
                self.lang.pick("vi", "en")
            )?;
        }
        Ok(())
    }

    /// The index of a record's rule in `tool.driver.rules`, adding an entry for a code the
    /// catalogue does not have.
    fn rule_index(&mut self, r: &Record) -> usize {
        if let Some(&i) = self.index.get(&r.code) {
            return i;
        }
        let text = format!("{}({})", r.code, r.name);
        self.rules.push(RuleMeta {
            code: r.code.clone(),
            name: r.name.clone(),
            level: Some(r.severity),
            category: r.category,
            summary: text.clone(),
            description: text.clone(),
            help_text: text.clone(),
            help_markdown: text,
            builtin: false,
        });
        let i = self.rules.len() - 1;
        self.index.insert(r.code.clone(), i);
        i
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn region(start: Position, end: Position) -> Region {
    Region { start_line: start.line, start_column: start.column, end_line: end.line, end_column: end.column }
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: &'a ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: PhysicalLocation<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation<'a> {
    id: usize,
    physical_location: PhysicalLocation<'a>,
    message: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    partial_fingerprints: Option<BTreeMap<&'static str, &'a str>>,
    properties: ResultProperties<'a>,
}

fn result<'a>(r: &'a Record, rule_index: usize, location: &'a ArtifactLocation, text: &'a str) -> SarifResult<'a> {
    SarifResult {
        rule_id: &r.code,
        rule_index,
        level: level(r.severity),
        message: Text { text },
        locations: [Location {
            physical_location: PhysicalLocation { artifact_location: location, region: region(r.start, r.end) },
        }],
        related_locations: r
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| RelatedLocation {
                id: i + 1,
                physical_location: PhysicalLocation { artifact_location: location, region: region(l.start, l.end) },
                message: Text { text: &l.message },
            })
            .collect(),
        partial_fingerprints: r.fingerprint.as_deref().map(|fp| BTreeMap::from([(FINGERPRINT_KEY, fp)])),
        // A Word plan: the region counts paragraphs as lines; the place in the document beside.
        properties: ResultProperties { category: r.category.as_str(), word_location: r.location.as_ref() },
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Help<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
struct Configuration {
    /// `false` for a rule that is off; absent (SARIF's default, `true`) otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    level: &'static str,
}

#[derive(Serialize)]
struct Properties {
    tags: [&'static str; 3],
    category: &'static str,
}

/// A result's own properties: the rule's category, so viewers can group findings by it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResultProperties<'a> {
    category: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    word_location: Option<&'a crate::docx::WordPlace>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    help: Help<'a>,
    /// The rule's page in the repository named by the package metadata (absent while
    /// `Cargo.toml` names no repository, and for a rule of the user's): see [`doc_page`].
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
    properties: Properties,
}

/// The package's links (`repository` and `homepage` in `Cargo.toml`), read at compile time;
/// either may be unset (Cargo then gives an empty string).
#[derive(Debug, Clone, Copy)]
struct Links<'a> {
    repository: Option<&'a str>,
    homepage: Option<&'a str>,
}

/// The links of this build of planlint.
const PACKAGE: Links<'static> =
    Links { repository: option_env!("CARGO_PKG_REPOSITORY"), homepage: option_env!("CARGO_PKG_HOMEPAGE") };

/// The branch rule pages are linked on.
const BRANCH: &str = "main";

impl<'a> Links<'a> {
    fn repository(self) -> Option<&'a str> {
        let repo = self.repository.map(str::trim).filter(|s| !s.is_empty())?;
        let repo = repo.trim_end_matches('/');
        Some(repo.strip_suffix(".git").unwrap_or(repo))
    }

    /// `tool.driver.informationUri`: the home page, else the repository.
    fn information_uri(self) -> Option<&'a str> {
        self.homepage.map(str::trim).filter(|s| !s.is_empty()).or_else(|| self.repository())
    }

    /// A rule's `helpUri`: its page in the repository (see [`doc_page`]).
    fn help_uri(self, meta: &RuleMeta) -> Option<String> {
        Some(format!("{}/blob/{BRANCH}/{}", self.repository()?, doc_page(meta)?))
    }
}

/// Where a rule is documented in planlint's repository: a built-in rule in its own rule file
/// (`rules/T103-task-deadline-unspecific.plr`, whose `doc` block `rules explain` shows), the
/// engine's codes in the README sections that describe them; `None` for a rule of the user's.
fn doc_page(meta: &RuleMeta) -> Option<String> {
    match meta.code.as_str() {
        "E006" | "E007" => Some("README.md#silencing-a-finding".to_owned()),
        code if code.starts_with('E') && meta.builtin => Some("README.md#input-that-is-not-a-plan".to_owned()),
        code if meta.builtin => Some(format!("rules/{code}-{}.plr", meta.name)),
        _ => None,
    }
}

fn rule<'m>(meta: &'m RuleMeta, links: Links<'_>) -> Rule<'m> {
    let default_configuration = match meta.level {
        Some(s) => Configuration { enabled: None, level: level(s) },
        None => Configuration { enabled: Some(false), level: "none" },
    };
    Rule {
        id: &meta.code,
        name: &meta.name,
        short_description: Text { text: &meta.summary },
        full_description: Text { text: &meta.description },
        help: Help { text: &meta.help_text, markdown: &meta.help_markdown },
        help_uri: links.help_uri(meta),
        default_configuration,
        properties: Properties {
            tags: ["planlint", family(&meta.code), meta.category.as_str()],
            category: meta.category.as_str(),
        },
    }
}

/// The family of a code, as a tag viewers can filter on.
fn family(code: &str) -> &'static str {
    match code.chars().next() {
        Some('S') => "structure",
        Some('T') => "tasks",
        Some('L') => "legal-references",
        Some('I') => "targets",
        Some('F') => "format",
        Some('E') => "input",
        _ => "other",
    }
}

impl Sink for SarifSink<'_> {
    fn file(&mut self, report: &FileReport) -> io::Result<()> {
        self.open()?;
        let location = artifact_location(&report.path);
        for r in &report.records {
            let i = self.rule_index(r);
            let text = if r.help.is_empty() { r.message.clone() } else { format!("{}\n{}", r.message, r.help) };
            self.out.write_all(if self.written == 0 { b"\n        " } else { b",\n        " })?;
            serde_json::to_writer(&mut self.out, &result(r, i, &location, &text))?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.open()?;
        if self.written > 0 {
            self.out.write_all(b"\n      ")?;
        }
        write!(self.out, "],\n      \"tool\": {{\n        \"driver\": {{\n          \"name\": \"planlint\",\n")?;
        let version = env!("CARGO_PKG_VERSION");
        write!(self.out, "          \"version\": \"{version}\",\n          \"semanticVersion\": \"{version}\",\n")?;
        if let Some(uri) = PACKAGE.information_uri() {
            write!(self.out, "          \"informationUri\": ")?;
            serde_json::to_writer(&mut self.out, uri)?;
            self.out.write_all(b",\n")?;
        }
        self.out.write_all(b"          \"rules\": [")?;
        for (i, meta) in self.rules.iter().enumerate() {
            self.out.write_all(if i == 0 { b"\n            " } else { b",\n            " })?;
            serde_json::to_writer(&mut self.out, &rule(meta, PACKAGE))?;
        }
        if !self.rules.is_empty() {
            self.out.write_all(b"\n          ")?;
        }
        self.out.write_all(b"]\n        }\n      }\n    }\n  ]\n}\n")?;
        self.out.flush()
    }
}

/// `artifactLocation` of a path: a relative reference against `%SRCROOT%` for a relative path,
/// a `file:` URI for an absolute one; percent-encoded (Vietnamese file names included).
fn artifact_location(path: &str) -> ArtifactLocation {
    let p = portable_path(path);
    let bytes = p.as_bytes();
    let drive = bytes.len() >= 3
        && bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(1) == Some(&b':')
        && bytes.get(2) == Some(&b'/');
    if drive {
        let (letter, rest) = p.split_at(1);
        let uri = format!("file:///{letter}:{}", encode(rest.get(1..).unwrap_or_default()));
        ArtifactLocation { uri, uri_base_id: None }
    } else if p.starts_with('/') {
        ArtifactLocation { uri: format!("file://{}", encode(&p)), uri_base_id: None }
    } else {
        ArtifactLocation { uri: encode(&p), uri_base_id: Some(SRCROOT) }
    }
}

/// Percent-encode everything but unreserved characters and `/` (RFC 3986).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn artifact(path: &str) -> serde_json::Value {
        serde_json::to_value(artifact_location(path)).unwrap()
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            artifact("./kế hoạch\\xã #1.md"),
            json!({"uri": "k%E1%BA%BF%20ho%E1%BA%A1ch/x%C3%A3%20%231.md", "uriBaseId": "%SRCROOT%"})
        );
        assert_eq!(artifact("/srv/plans/a.md"), json!({"uri": "file:///srv/plans/a.md"}));
        assert_eq!(artifact("C:\\plans\\a b.md"), json!({"uri": "file:///C:/plans/a%20b.md"}));
        assert_eq!(artifact("<stdin>"), json!({"uri": "%3Cstdin%3E", "uriBaseId": "%SRCROOT%"}));
    }

    fn meta(code: &str, name: &str, builtin: bool) -> RuleMeta {
        RuleMeta {
            code: code.into(),
            name: name.into(),
            level: None,
            category: crate::finding::Category::NoiDung,
            summary: String::new(),
            description: String::new(),
            help_text: String::new(),
            help_markdown: String::new(),
            builtin,
        }
    }

    #[test]
    fn links_from_the_package_metadata() {
        let repo = Links { repository: Some("https://github.com/org/planlint.git/"), homepage: Some("") };
        let rule = meta("T103", "task-deadline-unspecific", true);
        assert_eq!(
            repo.help_uri(&rule).as_deref(),
            Some("https://github.com/org/planlint/blob/main/rules/T103-task-deadline-unspecific.plr")
        );
        assert_eq!(
            repo.help_uri(&meta("E003", "not-a-plan", true)).as_deref(),
            Some("https://github.com/org/planlint/blob/main/README.md#input-that-is-not-a-plan")
        );
        assert_eq!(
            repo.help_uri(&meta("E006", "suppression-unused", true)).as_deref(),
            Some("https://github.com/org/planlint/blob/main/README.md#silencing-a-finding")
        );
        // A rule file of the user's is not in planlint's repository.
        assert_eq!(repo.help_uri(&meta("X901", "local", false)), None);
        assert_eq!(repo.information_uri(), Some("https://github.com/org/planlint"));
        let both = Links { homepage: Some("https://planlint.example"), ..repo };
        assert_eq!(both.information_uri(), Some("https://planlint.example"));
        // Unset (Cargo gives an empty string): no link at all.
        let none = Links { repository: Some(""), homepage: None };
        assert_eq!((none.information_uri(), none.help_uri(&rule)), (None, None));
    }
}
