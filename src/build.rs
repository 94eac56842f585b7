//! Build script: embeds every file under `rules/` (rule files `*.plr` and registries
//! `registry/*.yaml`) into the binary, so adding a rule or a registry entry needs no Rust change.
//! It writes `$OUT_DIR/embedded.rs` with two tables of `(path, contents)`; each registry also
//! gets a JSON twin (`$OUT_DIR/registry/*.json`), which loads an order of magnitude faster than
//! YAML: the built-in registries are read at every start, a third of a single-file run's work.
//! A file that does not convert gets an empty twin, and the YAML (with its located error) is read.
//!
//! Each built-in rule file is also parsed and lowered here, by the very modules the library uses
//! (`dsl/syntax.rs`, `dsl/lower.rs`, `dsl/ast.rs`, included below), and its syntax tree embedded
//! as JSON (the inline tests apart), with the message placeholders (`{task.lead}`) of all of them
//! parsed: parsing the rule pack with pest was a third of a single-file run. At run time the tree
//! is used only for the built-in file it was made from (same path, same text); a file that does
//! not parse gets an empty tree, and the library parses it again to report the error.

#![allow(unreachable_pub, reason = "the library's modules, compiled again for the build script")]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

// The rule-file front end, shared with the library. `crate::model` and `crate::source` are the
// two library paths it names; here they hold only what it uses.
#[allow(dead_code, reason = "only lowering is used here")]
#[path = "dsl/ast.rs"]
mod ast;
#[allow(dead_code, reason = "only lowering is used here")]
#[path = "dsl/lower.rs"]
mod lower;
#[allow(dead_code, reason = "only parsing is used here")]
#[path = "model/number.rs"]
mod number;
#[allow(dead_code, reason = "only lowering is used here")]
#[path = "dsl/syntax.rs"]
mod syntax;

mod model {
    pub(crate) use super::number::Decimal;
}

mod source {
    #[allow(dead_code, reason = "only what lowering uses is used here")]
    #[path = "span.rs"]
    mod span;
    pub(crate) use span::Span;

    /// As the library writes a span outside of a located report: a `[start, end]` pair.
    impl serde::Serialize for Span {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            (self.start, self.end).serialize(serializer)
        }
    }
}

/// Write `value` as JSON at `path`; the expression that embeds it.
fn embed_json(path: &Path, value: &impl serde::Serialize) -> Result<String, Box<dyn std::error::Error>> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(path, serde_json::to_string(value)?)?;
    Ok(format!("include_str!({:?})", path.to_string_lossy()))
}

/// Write the syntax tree of a rule file as JSON, its rules' inline tests apart (one list per
/// rule, in order: a run that only checks plans does not read them); the expressions that embed
/// the two (`""` when the file does not parse: the library then reports why), and the tree.
fn lowered_twin(plr: &Path, json: &Path) -> Result<(String, String, Vec<ast::Item>), Box<dyn std::error::Error>> {
    let text = fs::read_to_string(plr)?;
    let Ok(mut items) = lower::lower_file(&text) else {
        return Ok(("\"\"".to_owned(), "\"\"".to_owned(), Vec::new()));
    };
    let mut tests = Vec::new();
    for item in &mut items {
        if let ast::Item::Rule(rule) = item {
            tests.push(std::mem::take(&mut rule.tests));
        }
    }
    let tree = embed_json(json, &items)?;
    let tests = embed_json(&json.with_extension("tests.json"), &tests)?;
    Ok((tree, tests, items))
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// Write the JSON form of a YAML registry; the expression that embeds it (`""` when the YAML
/// does not convert).
fn json_twin(yaml: &Path, json: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let text = fs::read_to_string(yaml)?;
    let Ok(value) = serde_yaml::from_str::<serde_json::Value>(&text) else {
        return Ok("\"\"".to_owned());
    };
    embed_json(json, &value)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    for front_end in [
        "src/dsl/ast.rs",
        "src/dsl/lower.rs",
        "src/dsl/syntax.rs",
        "grammar",
        "src/model/number.rs",
        "src/source/span.rs",
    ] {
        println!("cargo:rerun-if-changed={front_end}");
    }
    let mut files = Vec::new();
    if rules.is_dir() {
        collect(&rules, &mut files)?;
    }
    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    let mut plr = String::new();
    let mut lowered = Vec::new();
    let mut yaml = String::new();
    for path in &files {
        let rel = path.strip_prefix(&root)?.to_string_lossy().replace('\\', "/");
        let include = format!("include_str!({:?})", path.to_string_lossy());
        match path.extension().and_then(|e| e.to_str()) {
            Some("plr") => {
                let (json, tests, items) = lowered_twin(path, &out_dir.join(&rel).with_extension("json"))?;
                writeln!(plr, "    ({rel:?}, {include}, {json}, {tests}),")?;
                lowered.push(items);
            }
            Some("yaml" | "yml") if rel.starts_with("rules/registry/") => {
                let json = json_twin(path, &out_dir.join(&rel).with_extension("json"))?;
                writeln!(yaml, "    ({rel:?}, {include}, {json}),")?;
            }
            _ => {}
        }
    }
    let placeholders = embed_json(&out_dir.join("rules/placeholders.json"), &lower::placeholders(&lowered))?;
    let mut code = String::new();
    writeln!(code, "/// Built-in rule files: (path, contents, syntax tree and inline tests as JSON or empty).")?;
    writeln!(code, "pub(crate) static RULE_FILES: &[(&str, &str, &str, &str)] = &[\n{plr}];")?;
    writeln!(code, "/// The message placeholders of the built-in rules, parsed: `[(text, expression)]` as JSON.")?;
    writeln!(code, "pub(crate) static PLACEHOLDERS: &str = {placeholders};")?;
    writeln!(code, "/// Built-in registries: (path, YAML contents, the same as JSON or empty).")?;
    writeln!(code, "pub(crate) static REGISTRY_FILES: &[(&str, &str, &str)] = &[\n{yaml}];")?;
    fs::write(out_dir.join("embedded.rs"), code)?;
    Ok(())
}
