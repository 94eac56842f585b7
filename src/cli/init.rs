//! `planlint init`: write a commented `planlint.yaml` in the current directory.

use std::io::Write;
use std::path::Path;

use super::ExitStatus;
use crate::config::{FILE_NAME, TEMPLATE};
use crate::lang::Lang;

pub(super) fn run(force: bool, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> ExitStatus {
    let path = Path::new(FILE_NAME);
    if !force && path.exists() {
        let _ = writeln!(
            err,
            "planlint: {}",
            lang.pick(
                format!("`{FILE_NAME}` đã có ở thư mục này nên được giữ nguyên (dùng `--force` để ghi đè)"),
                format!("`{FILE_NAME}` already exists here; it is left as it is (use `--force` to overwrite it)")
            )
        );
        return ExitStatus::Error;
    }
    // Written beside, then renamed (see `crate::write`): an interrupted run never leaves half
    // a file, and a link named `planlint.yaml` is written through.
    if let Err(e) = crate::write::write_file(path, TEMPLATE.as_bytes()) {
        let _ = writeln!(err, "planlint: {}", e.message(lang));
        return ExitStatus::Error;
    }
    let _ = writeln!(
        out,
        "{}",
        lang.pick(
            format!("đã tạo `{FILE_NAME}`: mọi khóa cấu hình đều có, với giá trị mặc định hoặc ví dụ trong chú thích"),
            format!("wrote `{FILE_NAME}`: every setting is there with its default or a commented example")
        )
    );
    ExitStatus::Clean
}
