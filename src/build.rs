//! Build script: embeds every file under `rules/` (rule files `*.plr` and registries
//! `registry/*.yaml`) into the binary, so adding a rule or a registry entry needs no Rust change.
//! It writes `$OUT_DIR/embedded.rs` with two tables of `(path, contents)`.

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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR")?);
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    if rules.is_dir() {
        collect(&rules, &mut files)?;
    }
    let mut plr = String::new();
    let mut yaml = String::new();
    for path in &files {
        let rel = path.strip_prefix(&root)?.to_string_lossy().replace('\\', "/");
        let entry = format!("    ({rel:?}, include_str!({:?})),\n", path.to_string_lossy());
        match path.extension().and_then(|e| e.to_str()) {
            Some("plr") => plr.push_str(&entry),
            Some("yaml" | "yml") if rel.starts_with("rules/registry/") => yaml.push_str(&entry),
            _ => {}
        }
    }
    let mut code = String::new();
    writeln!(code, "/// Built-in rule files: (path, contents).")?;
    writeln!(code, "pub(crate) static RULE_FILES: &[(&str, &str)] = &[\n{plr}];")?;
    writeln!(code, "/// Built-in registries: (path, contents).")?;
    writeln!(code, "pub(crate) static REGISTRY_FILES: &[(&str, &str)] = &[\n{yaml}];")?;
    fs::write(PathBuf::from(env::var("OUT_DIR")?).join("embedded.rs"), code)?;
    Ok(())
}
