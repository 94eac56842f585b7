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
            if lang.is_en() {
                format!("`{FILE_NAME}` already exists here; it is left as it is (use `--force` to overwrite it)")
            } else {
                format!("`{FILE_NAME}` đã có ở thư mục này nên được giữ nguyên (dùng `--force` để ghi đè)")
            }
        );
        return ExitStatus::Error;
    }
    // Written beside, then renamed: an interrupted run never leaves half a file.
    let tmp = Path::new(".planlint.yaml.tmp");
    let written = std::fs::write(tmp, TEMPLATE).and_then(|()| std::fs::rename(tmp, path));
    if let Err(e) = written {
        let _ = std::fs::remove_file(tmp);
        let denied = e.kind() == std::io::ErrorKind::PermissionDenied;
        let _ = writeln!(
            err,
            "planlint: {}",
            match (lang.is_en(), denied) {
                (true, true) => format!("cannot write `{FILE_NAME}`: no permission to write in this directory"),
                (true, false) => format!("cannot write `{FILE_NAME}`: system error: {e}"),
                (false, true) => format!("không ghi được `{FILE_NAME}`: không có quyền ghi vào thư mục này"),
                (false, false) => format!("không ghi được `{FILE_NAME}`: lỗi hệ thống: {e}"),
            }
        );
        return ExitStatus::Error;
    }
    let _ = writeln!(
        out,
        "{}",
        if lang.is_en() {
            format!("wrote `{FILE_NAME}`: every setting is there with its default or a commented example")
        } else {
            format!("đã tạo `{FILE_NAME}`: mọi khóa cấu hình đều có, với giá trị mặc định hoặc ví dụ trong chú thích")
        }
    );
    ExitStatus::Clean
}
