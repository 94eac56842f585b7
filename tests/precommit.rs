//! planlint as a pre-commit hook, proved with the real pre-commit: a commit with a bad plan is
//! refused with planlint's Vietnamese message, and the same commit with the plan fixed goes through.
//! The hook comes from our own `.pre-commit-hooks.yaml` (copied as it is in the work tree, so
//! uncommitted edits are what is tested) and runs the `planlint` this `cargo test` just built.
//!
//! pre-commit comes from PyPI: `.ci/run` installs the pinned version into `target/pre-commit-venv`
//! and names it in `PLANLINT_PRE_COMMIT`. Without it the test is skipped with a note, except under
//! `CI`, where a missing pre-commit is a failure: a skipped test proves nothing.
//!
//! Everything happens in a fresh temporary directory: pre-commit's cache (`PRE_COMMIT_HOME`), both
//! git repositories, and git config (no global or system config is read), so the result does not
//! depend on the machine's settings.
#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The bad line of the bad plan, and what makes it right.
const BAD_SYMBOL: &str = "Số /25 -KH/UBND";
const FIXED_SYMBOL: &str = "Số: 25/KH-UBND";

/// True when running under CI, with insta's reading of `CI` (set, and not empty, `0` or `false`).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false"))
}

/// The command that runs pre-commit, if it can be found: `PLANLINT_PRE_COMMIT` (set by `.ci/run`; it
/// must work), the venv `.ci/run` makes, `pre-commit` on PATH, or `python3 -m pre_commit`.
fn find_pre_commit() -> Result<Vec<OsString>, String> {
    let works = |cmd: &[OsString]| {
        Command::new(&cmd[0]).args(&cmd[1..]).arg("--version").output().is_ok_and(|o| o.status.success())
    };
    if let Some(path) = std::env::var_os("PLANLINT_PRE_COMMIT") {
        // Named on purpose, so a broken one is a failure, never a skip.
        let cmd = vec![path];
        assert!(works(&cmd), "PLANLINT_PRE_COMMIT={} does not run `--version`", cmd[0].to_string_lossy());
        return Ok(cmd);
    }
    let candidates = [
        vec![common::root().join("target/pre-commit-venv/bin/pre-commit").into_os_string()],
        vec!["pre-commit".into()],
        vec!["python3".into(), "-m".into(), "pre_commit".into()],
    ];
    candidates.into_iter().find(|c| works(c)).ok_or_else(|| {
        "pre-commit not found (no PLANLINT_PRE_COMMIT, target/pre-commit-venv, `pre-commit` on PATH or \
         `python3 -m pre_commit`); `bash .ci/run` installs it"
            .to_owned()
    })
}

/// The hermetic world the commands run in.
struct World {
    tmp: common::Scratch,
    pre_commit: Vec<OsString>,
    path: OsString,
}

impl World {
    fn new(pre_commit: Vec<OsString>) -> Self {
        let tmp = common::scratch("precommit");
        // Only our planlint goes in front of PATH, not everything else in target/debug.
        let bin = tmp.join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_planlint"), bin.join("planlint")).unwrap();
        let mut dirs = vec![bin];
        dirs.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
        let path = std::env::join_paths(dirs).unwrap();
        Self { tmp, pre_commit, path }
    }

    fn dir(&self, name: &str) -> PathBuf {
        let dir = self.tmp.join(name);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// A command with no git or pre-commit settings from outside: no global or system git config,
    /// no `GIT_DIR`-style variables (as when `cargo test` itself runs inside a git hook), no `SKIP`,
    /// and pre-commit's cache in the temporary directory.
    fn command(&self, program: &OsString, cwd: &Path) -> Command {
        let mut cmd = Command::new(program);
        for (key, _) in std::env::vars_os() {
            let key_str = key.to_string_lossy();
            if key_str.starts_with("GIT_") || key_str.starts_with("PRE_COMMIT") || key_str == "SKIP" {
                cmd.env_remove(&key);
            }
        }
        cmd.current_dir(cwd)
            .env("PATH", &self.path)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_SYSTEM", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("PRE_COMMIT_HOME", self.tmp.join("pre-commit-home"))
            .env("NO_COLOR", "1")
            .env("COLUMNS", "100");
        cmd
    }

    fn git(&self, cwd: &Path, args: &[&str]) -> Output {
        self.command(&"git".into(), cwd).args(args).output().unwrap()
    }

    /// `git …` that must succeed; its stdout.
    fn git_ok(&self, cwd: &Path, args: &[&str]) -> String {
        let out = self.git(cwd, args);
        assert!(out.status.success(), "git {args:?} failed:\n{}", text(&out));
        String::from_utf8(out.stdout).unwrap()
    }

    fn pre_commit(&self, cwd: &Path, args: &[&str]) -> Output {
        self.command(&self.pre_commit[0], cwd).args(&self.pre_commit[1..]).args(args).output().unwrap()
    }

    /// A new repository with a local identity.
    fn repo(&self, name: &str) -> PathBuf {
        let dir = self.dir(name);
        self.git_ok(&dir, &["init", "-q", "-b", "main"]);
        self.git_ok(&dir, &["config", "user.name", "Văn thư"]);
        self.git_ok(&dir, &["config", "user.email", "van-thu@example.invalid"]);
        dir
    }
}

/// Stdout and stderr together, as a person at the terminal sees them.
fn text(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

/// planlint run directly, for the exit code a plan gets without pre-commit.
fn planlint_exit(path: &Path) -> i32 {
    let out = Command::new(env!("CARGO_BIN_EXE_planlint")).arg("check").arg(path).output().unwrap();
    out.status.code().unwrap_or(-1)
}

#[test]
fn a_commit_with_a_bad_plan_is_refused_and_goes_through_once_fixed() {
    let pre_commit = match find_pre_commit() {
        Ok(cmd) => cmd,
        Err(why) if in_ci() => panic!("CI is set, so this test may not be skipped: {why}"),
        Err(why) => {
            eprintln!("skipped: {why}");
            return;
        }
    };
    let world = World::new(pre_commit);
    let root = common::root();

    // The hook repository: our .pre-commit-hooks.yaml as it is now, committed.
    let hooks = world.repo("hooks");
    std::fs::copy(root.join(".pre-commit-hooks.yaml"), hooks.join(".pre-commit-hooks.yaml")).unwrap();
    let out = world.pre_commit(&hooks, &["validate-manifest", ".pre-commit-hooks.yaml"]);
    assert!(out.status.success(), "pre-commit rejects .pre-commit-hooks.yaml:\n{}", text(&out));
    world.git_ok(&hooks, &["add", ".pre-commit-hooks.yaml"]);
    world.git_ok(&hooks, &["commit", "-q", "-m", "hooks"]);
    let rev = world.git_ok(&hooks, &["rev-parse", "HEAD"]).trim().to_owned();

    // The plans: a bad one, a clean one, and a README that is no plan and must not reach planlint.
    let bad = std::fs::read_to_string(root.join("fixtures/plans/crafted/structure.txt")).unwrap();
    assert!(bad.contains(BAD_SYMBOL), "the fixture changed: the test fixes the line `{BAD_SYMBOL}`");
    let fixed = bad.replacen(BAD_SYMBOL, FIXED_SYMBOL, 1);
    let clean = std::fs::read_to_string(common::seed_path("004")).unwrap();
    let readme = "# Kế hoạch của xã Lục Bình\n\nThư mục `ke-hoach/` lưu các kế hoạch của Ủy ban nhân dân xã.\n";

    let plans = world.repo("plans");
    let config =
        format!("repos:\n  - repo: '{}'\n    rev: {rev}\n    hooks:\n      - id: planlint-system\n", hooks.display());
    std::fs::write(plans.join(".pre-commit-config.yaml"), config).unwrap();
    std::fs::create_dir_all(plans.join("ke-hoach")).unwrap();
    std::fs::write(plans.join("ke-hoach/phong-chong-dich.txt"), &bad).unwrap();
    std::fs::write(plans.join("ke-hoach/y-te-xa.txt"), &clean).unwrap();
    std::fs::write(plans.join("README.md"), readme).unwrap();

    // What each file gets from planlint alone, so that what follows proves something: the bad plan
    // fails, the fixed and clean ones pass, and the README would fail if the hook passed it on.
    let scratch = world.dir("scratch");
    std::fs::write(scratch.join("fixed.txt"), &fixed).unwrap();
    assert_eq!(planlint_exit(&plans.join("ke-hoach/phong-chong-dich.txt")), 1, "the bad plan must have an error");
    assert_eq!(planlint_exit(&scratch.join("fixed.txt")), 0, "the fixed plan must have no error");
    assert_eq!(planlint_exit(&plans.join("ke-hoach/y-te-xa.txt")), 0, "seed 004 must have no error");
    assert_eq!(planlint_exit(&plans.join("README.md")), 1, "a README is not a plan");

    let out = world.pre_commit(&plans, &["install"]);
    assert!(out.status.success(), "pre-commit install:\n{}", text(&out));

    // The bad plan: the commit is refused, with planlint's finding in Vietnamese.
    world.git_ok(&plans, &["add", "-A"]);
    let out = world.git(&plans, &["commit", "-m", "Kế hoạch phòng, chống dịch"]);
    let shown = text(&out);
    assert!(!out.status.success(), "the commit went through:\n{shown}");
    assert!(shown.contains("planlint (kế hoạch)") && shown.contains("Failed"), "{shown}");
    assert!(shown.contains("S101(symbol-malformed)"), "{shown}");
    assert!(shown.contains("số, ký hiệu `/25 -KH/UBND` của kế hoạch viết sai dạng"), "{shown}");
    assert!(shown.contains("ke-hoach/phong-chong-dich.txt:1:4"), "{shown}");
    assert!(shown.contains("1 lỗi"), "{shown}");
    assert!(!shown.contains("README.md"), "the README reached planlint:\n{shown}");
    assert!(!world.git(&plans, &["rev-parse", "--verify", "-q", "HEAD"]).status.success(), "a commit was made");

    // Fixed: the same commit goes through, README and all.
    std::fs::write(plans.join("ke-hoach/phong-chong-dich.txt"), &fixed).unwrap();
    world.git_ok(&plans, &["add", "-A"]);
    let out = world.git(&plans, &["commit", "-m", "Kế hoạch phòng, chống dịch"]);
    let shown = text(&out);
    assert!(out.status.success(), "the fixed plan was refused:\n{shown}");
    assert!(shown.contains("planlint (kế hoạch)") && shown.contains("Passed"), "{shown}");
    let committed = world.git_ok(&plans, &["ls-tree", "-r", "--name-only", "HEAD"]);
    assert_eq!(
        committed.lines().collect::<Vec<_>>(),
        [".pre-commit-config.yaml", "README.md", "ke-hoach/phong-chong-dich.txt", "ke-hoach/y-te-xa.txt"]
    );
}

/// The hooks as a list of YAML mappings.
fn hooks() -> Vec<serde_yaml::Mapping> {
    let text = std::fs::read_to_string(common::root().join(".pre-commit-hooks.yaml")).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

fn field<'a>(hook: &'a serde_yaml::Mapping, key: &str) -> &'a serde_yaml::Value {
    hook.get(key).unwrap_or_else(|| panic!("hook {:?} has no `{key}`", hook.get("id")))
}

#[test]
fn the_two_hooks_differ_only_in_how_planlint_is_found() {
    let hooks = hooks();
    let ids: Vec<_> = hooks.iter().map(|h| field(h, "id").as_str().unwrap()).collect();
    assert_eq!(ids, ["planlint", "planlint-system"]);
    assert_eq!(field(&hooks[0], "language").as_str(), Some("rust"));
    assert_eq!(field(&hooks[1], "language").as_str(), Some("system"));
    let rest = |h: &serde_yaml::Mapping| {
        let mut h = h.clone();
        for key in ["id", "language", "description"] {
            h.remove(key);
        }
        h
    };
    assert_eq!(rest(&hooks[0]), rest(&hooks[1]));
    let hook = &hooks[0];
    assert_eq!(field(hook, "entry").as_str(), Some("planlint check"));
    assert_eq!(field(hook, "pass_filenames").as_bool(), Some(true));
    assert_eq!(field(hook, "require_serial").as_bool(), Some(true), "see the comment in .pre-commit-hooks.yaml");
}

/// Which paths the hooks pass to planlint. pre-commit matches with Python's `re.search`; the
/// patterns use nothing that Rust's `regex` reads differently (inline `(?ix)`, groups, classes
/// without spaces), and the end-to-end test above checks one exclusion with pre-commit itself.
#[test]
fn the_hooks_pass_plan_files_and_leave_out_files_that_are_never_plans() {
    let hooks = hooks();
    let hook = &hooks[0];
    let files = regex::Regex::new(field(hook, "files").as_str().unwrap()).unwrap();
    let exclude = regex::Regex::new(field(hook, "exclude").as_str().unwrap()).unwrap();
    let passed = |path: &str| files.is_match(path) && !exclude.is_match(path);
    for path in [
        "ke-hoach-141.txt",
        "ke-hoach/2024/141-KH-UBND.md",
        "KE-HOACH.TXT",
        "docs/ke-hoach-tuyen-truyen.md",
        "readme-luc-binh/ke-hoach.txt",
        "news/ke-hoach-truyen-thong.md",
    ] {
        assert!(passed(path), "{path} should reach planlint");
    }
    for path in [
        "README.md",
        "docs/README.vi.md",
        "readme.txt",
        "CHANGELOG.md",
        "CONTRIBUTING.md",
        "LICENSE.txt",
        "LICENSE-MIT.md",
        "CODE_OF_CONDUCT.md",
        "requirements.txt",
        "requirements-dev.txt",
        "CMakeLists.txt",
        ".github/pull_request_template.md",
        ".github/ISSUE_TEMPLATE/bug.md",
        "planlint.yaml",
        "config.yaml",
        // Structured plans are not read yet: planlint would report them as not a plan (E003).
        "plans/luc-binh.plan.yaml",
        "plans/luc-binh.plan.yml",
        "rules/T101-task-lead-missing.plr",
        "ke-hoach.docx",
        "Cargo.toml",
    ] {
        assert!(!passed(path), "{path} should not reach planlint");
    }
}
