//! `planlint.yaml`: the settings a plan repository or a reviewer keeps beside the plans. Found
//! from the working directory upward, or named with `--config`. Paths in it are relative to the
//! file's own directory. Unknown keys and bad values are located errors.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;

/// The file name looked for.
pub const FILE_NAME: &str = "planlint.yaml";

/// The stage plans are checked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConfigStage {
    /// Being written.
    Draft,
    /// About to be signed.
    Final,
}

/// The settings, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `draft` or `final`; `--stage` wins.
    #[serde(default)]
    pub stage: Option<ConfigStage>,
    /// Directories of extra rule files.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Registry files of your own (`documents:` or `targets:`).
    #[serde(default)]
    pub registries: Vec<PathBuf>,
    /// Plan files whose targets children may be compared with, besides the plans of the run.
    #[serde(default)]
    pub parents: Vec<PathBuf>,
}

/// A config read from a file, with its paths made relative to the working directory.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The file, when there was one.
    pub path: Option<PathBuf>,
    /// The settings, paths resolved.
    pub config: Config,
}

/// A config file that cannot be used.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ConfigError {
    message: String,
    offset: usize,
    src: Option<NamedSource<Arc<str>>>,
}

impl Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new("config-invalid"))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.src.as_ref()?;
        let len = self.src.as_ref().and_then(|s| {
            let text = s.inner();
            text.get(self.offset..).map(|rest| rest.find([':', '\n']).unwrap_or(rest.len()).max(1))
        });
        let span = SourceSpan::new(self.offset.into(), len.unwrap_or(1));
        Some(Box::new(std::iter::once(miette::LabeledSpan::new_with_span(None, span))))
    }
}

/// The nearest `planlint.yaml` in `start` or a directory above it.
pub fn find(start: &Path) -> Option<PathBuf> {
    start.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

/// Read and check a config file.
pub fn load(path: &Path, lang: crate::lang::Lang) -> Result<Loaded, ConfigError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        message: {
            let why = crate::source::Unreadable::from_io(&e).text();
            if lang.is_en() {
                format!("cannot read the config file `{name}`: {}", why.en)
            } else {
                format!("không đọc được tệp cấu hình `{name}`: {}", why.vi)
            }
        },
        offset: 0,
        src: None,
    })?;
    parse(&name, &text, path.parent().unwrap_or(Path::new(".")), lang)
}

/// Parse a config's text; `dir` is the directory its paths are relative to.
pub fn parse(name: &str, text: &str, dir: &Path, lang: crate::lang::Lang) -> Result<Loaded, ConfigError> {
    let config: Config = if text.trim().is_empty() {
        Config::default()
    } else {
        serde_yaml::from_str(text).map_err(|e| ConfigError {
            message: if lang.is_en() { format!("invalid config: {e}") } else { vietnamese(&e.to_string()) },
            offset: e.location().map_or(0, |l| l.index()).min(text.len()),
            src: Some(NamedSource::new(name, Arc::from(text))),
        })?
    };
    let resolve = |v: Vec<PathBuf>| v.into_iter().map(|p| if p.is_absolute() { p } else { dir.join(p) }).collect();
    Ok(Loaded {
        path: Some(PathBuf::from(name)),
        config: Config {
            stage: config.stage,
            rules: resolve(config.rules),
            registries: resolve(config.registries),
            parents: resolve(config.parents),
        },
    })
}

/// The parser's message in Vietnamese: the usual cases translated, the rest quoted.
fn vietnamese(msg: &str) -> String {
    let quoted = |after: &str| msg.split(after).nth(1).and_then(|r| r.split('`').nth(1)).map(str::to_owned);
    if let Some(key) = quoted("unknown field") {
        // The parser lists the keys the `Config` struct has: `… expected one of `stage`, … at line 2 …`.
        let expected = msg.split("expected one of ").nth(1).and_then(|r| r.split(" at line").next()).unwrap_or("");
        format!("khóa `{key}` không có trong cấu hình; các khóa hợp lệ: {expected}")
    } else if let Some(value) = quoted("unknown variant") {
        format!("giá trị `{value}` không hợp lệ; `stage` nhận `draft` hoặc `final`")
    } else {
        format!("tệp cấu hình không hợp lệ: {msg}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_relative_to_the_file() {
        let c =
            parse("x/planlint.yaml", "stage: final\nparents: [district.txt]\n", Path::new("x"), crate::lang::Lang::Vi)
                .unwrap();
        assert_eq!(c.config.stage, Some(ConfigStage::Final));
        assert_eq!(c.config.parents, vec![PathBuf::from("x/district.txt")]);
    }

    #[test]
    fn unknown_keys_and_bad_values_are_located() {
        let text = "stage: final\nparent: [a.txt]\n";
        let e = parse("planlint.yaml", text, Path::new("."), crate::lang::Lang::En).unwrap_err();
        assert!(e.message.contains("unknown field `parent`"), "{}", e.message);
        assert_eq!(e.offset, text.find("parent:").unwrap());
        let e = parse("planlint.yaml", "stage: signed\n", Path::new("."), crate::lang::Lang::En).unwrap_err();
        assert!(e.message.contains("signed"), "{}", e.message);
    }
}
