//! Build script: embeds every file under `rules/` (rule files `*.plr` and registries
//! `registry/*.yaml`) into the binary, so adding a rule or a registry entry needs no Rust change.
//! It writes `$OUT_DIR/embedded.rs` with two tables of `(path, contents)`; each registry also
//! gets a JSON twin (`$OUT_DIR/registry/*.json`), which loads an order of magnitude faster than
//! YAML: the built-in registries are read at every start, a third of a single-file run's work.
//! A file that does not convert gets an empty twin, and the YAML (with its located error) is read.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

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
    if let Some(dir) = json.parent() {
        fs::create_dir_all(dir)?;
    }
    fs::write(json, serde_json::to_string(&value)?)?;
    Ok(format!("include_str!({:?})", json.to_string_lossy()))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    if rules.is_dir() {
        collect(&rules, &mut files)?;
    }
    let out_dir = PathBuf::from(env::var("OUT_DIR")?);
    let mut plr = String::new();
    let mut yaml = String::new();
    for path in &files {
        let rel = path.strip_prefix(&root)?.to_string_lossy().replace('\\', "/");
        let include = format!("include_str!({:?})", path.to_string_lossy());
        match path.extension().and_then(|e| e.to_str()) {
            Some("plr") => writeln!(plr, "    ({rel:?}, {include}),")?,
            Some("yaml" | "yml") if rel.starts_with("rules/registry/") => {
                let json = json_twin(path, &out_dir.join(&rel).with_extension("json"))?;
                writeln!(yaml, "    ({rel:?}, {include}, {json}),")?;
            }
            _ => {}
        }
    }
    let mut code = String::new();
    writeln!(code, "/// Built-in rule files: (path, contents).")?;
    writeln!(code, "pub(crate) static RULE_FILES: &[(&str, &str)] = &[\n{plr}];")?;
    writeln!(code, "/// Built-in registries: (path, YAML contents, the same as JSON or empty).")?;
    writeln!(code, "pub(crate) static REGISTRY_FILES: &[(&str, &str, &str)] = &[\n{yaml}];")?;
    fs::write(out_dir.join("embedded.rs"), code)?;
    Ok(())
}
