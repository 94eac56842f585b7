//! The file `planlint init` writes: every key, with its default or a commented example.

/// A commented `planlint.yaml` (Vietnamese, with short English). It loads as the defaults.
pub const TEMPLATE: &str = r#"# planlint.yaml — cấu hình planlint cho thư mục này và các thư mục con.
# (planlint settings for this directory and those below it.)
# Đường dẫn trong tệp này tính từ thư mục chứa tệp. (Paths are relative to this file.)
# Mã quy tắc: `planlint rules list`. (Rule codes: `planlint rules list`.)

# Ngôn ngữ của thông báo: vi hoặc en; `--lang` được ưu tiên.
# (Language of messages: vi or en; `--lang` wins.)
lang: vi

# Giai đoạn: draft (đang soạn: số, ngày còn để trống là bình thường) hoặc final (sắp ký
# ban hành); `--stage` được ưu tiên. (Stage: draft or final; `--stage` wins.)
stage: draft

# Chạy những quy tắc nào: mã (T101), tiền tố mã (T, L1) hoặc ALL. Mặc định: mọi quy tắc.
# `--select` thay danh sách này. (Rules to run: codes, prefixes or ALL; default all;
# `--select` replaces it.)
select: [ALL]

# Bỏ những quy tắc nào; `--ignore` bổ sung. Mục cụ thể hơn (dài hơn) thắng giữa select và
# ignore. (Rules to skip; `--ignore` adds. The longest matching entry wins.)
ignore: []
# ignore: [T103, S1]

# Đổi mức độ theo mã hoặc tiền tố: error, warning, info hoặc off (tắt).
# (Severity by code or prefix: error, warning, info or off.)
severity: {}
# severity:
#   T103: off
#   L1: warning

# Cấu hình riêng cho một số tệp, theo mẫu đường dẫn; mục sau thắng mục trước và thắng
# cấu hình chung. Mỗi mục nhận paths và select, ignore, severity, stage.
# (Per-path settings; later entries win over earlier ones and over the top level.)
overrides: []
# overrides:
#   - paths: ["communes/**/*.md", "communes/**/*.txt"]
#     ignore: [I106]
#     severity:
#       T1: warning
#   - paths: [drafts]
#     stage: draft

# Thư mục chứa quy tắc bổ sung (.plr). (Directories of extra rule files.)
rules: []
# rules: [quy-tac]

# Danh mục bổ sung: tệp YAML bắt đầu bằng `documents:` (văn bản pháp luật) hoặc
# `targets:` (chỉ tiêu cấp trên). (Registry files of your own.)
registries: []
# registries: [danh-muc/van-ban.yaml]

# Kế hoạch cấp trên để so chỉ tiêu, ngoài các kế hoạch được kiểm tra cùng lượt.
# (Parent plans to compare targets with, besides the plans of the run.)
parents: []
# parents: [../huyen/ke-hoach-141.txt]

# Khi kiểm tra cả thư mục, bỏ qua những tệp và thư mục này (mẫu như ở `overrides`; các tệp
# trong .gitignore và .ignore cũng được bỏ qua). Tệp nêu tên trên dòng lệnh vẫn được kiểm tra.
# (Left out of folder walks, besides what .gitignore and .ignore list; files named on the
# command line are still checked.)
exclude: []
# exclude: [README.md, ghi-chu, "bao-cao/**"]
"#;
