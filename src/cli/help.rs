//! The command line's help in Vietnamese: the commands and arguments are declared in English
//! (clap's derive, [`super::Cli`]); in a Vietnamese run their texts are replaced from the tables
//! here, and clap's own words (the `Usage`, `Options`, `Commands` headings, `[OPTIONS]`,
//! `Print help`, the lists of possible values and defaults) with Vietnamese ones. Only help and
//! usage errors need it: a run that parses does not build this command.

use clap::{Arg, Command, CommandFactory};

use super::Cli;
use crate::lang::Lang;

/// The help layout of a Vietnamese run: clap's default with its heading translated.
const TEMPLATE: &str = "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// The `about` of each command, by its path (`planlint rules list`).
fn about(path: &str) -> Option<&'static str> {
    // The `help` command lists the commands it gives help on (`planlint help rules list`).
    if let Some((before, after)) = path.split_once(" help ") {
        return about(&format!("{before} {after}"));
    }
    Some(match path {
        "planlint" => "planlint: kiểm tra kế hoạch của cơ quan nhà nước và tổ chức Đảng",
        "planlint check" => "Kiểm tra kế hoạch theo các quy tắc (tệp và thư mục; `-` đọc từ đầu vào chuẩn)",
        "planlint extract" => "In mô hình kế hoạch trích xuất từ một tệp (những gì quy tắc nhìn thấy)",
        "planlint rules" => "Liệt kê các quy tắc, hoặc giải thích một quy tắc",
        "planlint rules list" => "Liệt kê mọi quy tắc: mã, tên, mức độ, tóm tắt",
        "planlint rules explain" => "Xem tài liệu của một quy tắc: kiểm tra gì, vì sao, căn cứ pháp lý, ví dụ",
        "planlint test" => "Chạy các kiểm thử viết trong tệp quy tắc (quy tắc có sẵn, hoặc các tệp trong THƯ-MỤC)",
        "planlint init" => "Ghi tệp `planlint.yaml` có chú thích vào thư mục hiện tại",
        "planlint annotate" => {
            "Ghi bản sao kế hoạch Word với các phát hiện thành nhận xét (comment) Word (`KE-HOACH.planlint.docx`)"
        }
        p if p.ends_with(" help") => "In trợ giúp này, hoặc trợ giúp của (các) lệnh con",
        _ => return None,
    })
}

/// The help of an argument, by the path of its command and its id.
fn arg_help(path: &str, id: &str) -> Option<&'static str> {
    let command = path.strip_prefix("planlint").unwrap_or(path).trim();
    Some(match (command, id) {
        ("check", "paths") => "Tệp hoặc thư mục kế hoạch (mặc định: thư mục hiện tại)",
        ("annotate", "paths") => {
            "Kế hoạch Word (`.docx`), hoặc thư mục chứa chúng (bỏ qua các bản sao đã ghi nhận xét)"
        }
        ("annotate", "output_dir") => "Thư mục ghi các bản sao (mặc định: bên cạnh từng kế hoạch)",
        ("check", "output_dir") => "Thư mục mà `--format letter` ghi thư góp ý vào, mỗi kế hoạch một thư",
        ("check", "format") => {
            "Định dạng đầu ra: `human` (mặc định), `json`, `sarif`, `github`, `junit`, `html`, `letter` (cùng \
             `--output-dir`); `ĐỊNH-DẠNG=TỆP` ghi định dạng đó vào tệp. Dùng được nhiều lần: `--format human \
             --format sarif=planlint.sarif`"
        }
        ("extract", "format") => "Định dạng đầu ra: `json` (mặc định) hoặc `yaml`",
        ("rules list", "format") => {
            "`table` (mặc định) để xem trên màn hình, `markdown` cho danh mục (`rules/CATALOG.md`)"
        }
        ("extract", "file") => "Tệp kế hoạch (`.txt`, `.md`); `-` đọc từ đầu vào chuẩn",
        ("extract", "spans") => {
            "Cách ghi vị trí: `lines` (mặc định: `dòng:cột-dòng:cột`, cột tính bằng ký tự) hoặc `bytes` \
             (`[đầu, cuối]`: vị trí byte trong tệp)"
        }
        ("extract", "stdin_filename") => "Tên dùng cho đầu vào chuẩn (đuôi `.md` chọn Markdown; mặc định: `<stdin>`)",
        ("rules explain", "code") => "Mã quy tắc (`T101`) hoặc tên quy tắc (`task-lead-missing`)",
        ("test", "dir") => "Thư mục chứa các tệp quy tắc cần chạy kiểm thử (mặc định: các quy tắc có sẵn)",
        ("init", "force") => "Ghi đè tệp `planlint.yaml` đã có",
        (c, "rules") if c.starts_with("rules") => "Thư mục chứa quy tắc bổ sung (`.plr`); dùng được nhiều lần",
        (c, "subcommand") if c.ends_with("help") => "Lệnh cần xem trợ giúp",
        (_, "rules") => "Thư mục chứa quy tắc bổ sung (`.plr`), nạp cùng các quy tắc có sẵn; dùng được nhiều lần",
        (_, "lang") => "Ngôn ngữ của thông báo: `vi` (tiếng Việt, mặc định) hoặc `en`; thay cho `lang` trong cấu hình",
        (_, "no_color") => "Không tô màu kết quả",
        (_, "help") => "In trợ giúp",
        (_, "version") => "In số phiên bản",
        (_, "stage") => {
            "Giai đoạn: `draft` (đang soạn, mặc định: số, ngày còn để trống là bình thường) hoặc `final` (sắp ký \
             ban hành); thay cho `stage` trong cấu hình"
        }
        (_, "config") => "Tệp cấu hình (mặc định: `planlint.yaml` gần nhất, tìm từ thư mục làm việc trở lên)",
        (_, "stdin_filename") => {
            "Tên dùng cho đầu vào chuẩn (đuôi `.md` chọn Markdown; các mục `overrides` so với tên này; mặc định: \
             `<stdin>`)"
        }
        (_, "select") => {
            "Chỉ chạy những quy tắc này: mã hoặc tiền tố, cách nhau bằng dấu phẩy (`T,L1,S101`, `ALL`); thay cho \
             `select` trong cấu hình"
        }
        (_, "ignore") => {
            "Bỏ những quy tắc này: mã hoặc tiền tố, cách nhau bằng dấu phẩy; thêm vào `ignore` trong cấu hình"
        }
        (_, "registry") => {
            "Tệp danh mục của riêng bạn (`documents:` hoặc `targets:`), thêm vào các danh mục có sẵn; dùng được \
             nhiều lần"
        }
        (_, "jobs") => "Số kế hoạch kiểm tra cùng lúc (mặc định: mỗi bộ xử lý một kế hoạch)",
        (_, "quiet") => "Chỉ hiện các phát hiện mức lỗi (dòng tổng kết vẫn đếm tất cả)",
        (_, "deny_warnings") => "Coi cả cảnh báo là không đạt (mã thoát 1), không chỉ lỗi",
        (_, "exit_zero") => "Thoát với mã 0 kể cả khi có phát hiện (mã 2 vẫn nghĩa là planlint không chạy được)",
        (_, "statistics") => "Sau khi chạy, in số phát hiện theo từng quy tắc và từng tệp",
        (_, "output") => "Ghi kết quả (định dạng không có `=TỆP`) vào tệp này thay vì ra màn hình",
        (_, "baseline") => "Ẩn các phát hiện đã ghi trong tệp baseline này: chỉ báo phát hiện mới",
        (_, "write_baseline") => "Ghi mọi phát hiện của lượt chạy này vào tệp baseline (và thoát với mã 0)",
        _ => return None,
    })
}

/// A value name in Vietnamese (`<FILE>` → `<TỆP>`).
fn value_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "FILE" => "TỆP",
        "DIR" => "THƯ-MỤC",
        "CODES" => "MÃ",
        "CODE" => "MÃ",
        "FORMAT[=FILE]" => "ĐỊNH-DẠNG[=TỆP]",
        "FORMAT" => "ĐỊNH-DẠNG",
        "PATHS" => "ĐƯỜNG-DẪN",
        "STAGE" => "GIAI-ĐOẠN",
        "LANG" => "NGÔN-NGỮ",
        "SPANS" => "VỊ-TRÍ",
        "STDIN_FILENAME" => "TÊN",
        "COMMAND" | "SUBCOMMAND" => "LỆNH",
        _ => return None,
    })
}

/// The command line as parsed, its help in `lang`.
pub(crate) fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    if lang.is_en() {
        return cmd;
    }
    // Built first, so that the help and version flags and the `help` command clap adds exist
    // to be translated (and the global options are copied into every command).
    cmd.build();
    localize(cmd, "")
}

fn localize(cmd: Command, parent: &str) -> Command {
    let path = if parent.is_empty() { cmd.get_name().to_owned() } else { format!("{parent} {}", cmd.get_name()) };
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .mut_args(|a| localize_arg(&path, a));
    if let Some(about) = about(&path) {
        cmd = cmd.about(about).long_about(None);
    }
    // The usage line as clap writes it, with its `[OPTIONS]` translated.
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).replace("[OPTIONS]", "[TÙY-CHỌN]");
    cmd = cmd.override_usage(usage);
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| localize(s, &path));
    }
    cmd
}

fn localize_arg(path: &str, arg: Arg) -> Arg {
    let heading = if arg.is_positional() { "Đối số" } else { "Tùy chọn" };
    let names: Vec<&'static str> =
        arg.get_value_names().unwrap_or_default().iter().filter_map(|n| value_name(n.as_str())).collect();
    let mut arg = arg.help_heading(heading).hide_possible_values(true).hide_default_value(true);
    if !names.is_empty() {
        arg = arg.value_names(names);
    }
    match arg_help(path, arg.get_id().as_str()) {
        Some(help) => arg.help(help).long_help(None),
        None => arg,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command and argument has its Vietnamese text: a new option cannot be added with an
    /// English help only.
    #[test]
    fn every_command_and_argument_is_translated() {
        fn walk(cmd: &Command, parent: &str, missing: &mut Vec<String>) {
            let path =
                if parent.is_empty() { cmd.get_name().to_owned() } else { format!("{parent} {}", cmd.get_name()) };
            if about(&path).is_none() {
                missing.push(path.clone());
            }
            for a in cmd.get_arguments() {
                if arg_help(&path, a.get_id().as_str()).is_none() {
                    missing.push(format!("{path} {}", a.get_id()));
                }
                let takes_values = a.get_action().takes_values();
                for n in a.get_value_names().unwrap_or_default().iter().filter(|_| takes_values) {
                    if value_name(n.as_str()).is_none() && n.as_str() != "N" {
                        missing.push(format!("{path} {}: <{n}>", a.get_id()));
                    }
                }
            }
            // The `help` command's own list repeats the commands, without their arguments.
            for s in cmd.get_subcommands().filter(|_| cmd.get_name() != "help") {
                walk(s, &path, missing);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        walk(&cmd, "", &mut missing);
        assert!(missing.is_empty(), "no Vietnamese text for: {missing:?}");
    }

    /// No English word of clap's is left in the Vietnamese help of any command.
    #[test]
    fn the_vietnamese_help_has_no_english_headings() {
        fn walk(cmd: &mut Command, out: &mut Vec<String>) {
            out.push(cmd.render_long_help().to_string());
            out.push(cmd.render_help().to_string());
            for s in cmd.get_subcommands_mut() {
                walk(s, out);
            }
        }
        let mut cmd = command(Lang::Vi);
        let mut helps = Vec::new();
        walk(&mut cmd, &mut helps);
        for help in helps {
            for english in ["Usage", "Options", "Arguments", "Commands", "Print", "possible values", "default:"] {
                assert!(!help.contains(english), "`{english}` in:\n{help}");
            }
        }
    }
}
