//! Errors of the source layer (E001, E002): what was found, where, and what to do about it, in
//! Vietnamese and English.

use super::decode::LegacyEncoding;
use crate::lang::Bilingual;

/// A file could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// The file could not be read at all (E001).
    #[error("cannot read the file: {reason}")]
    Unreadable {
        /// Why.
        reason: Unreadable,
    },
    /// A Word file that cannot be read: not a package, encrypted, damaged, or past a limit (E005).
    #[error("{}", .0.message().vi)]
    Word(crate::docx::DocxError),
    /// A PDF whose text layer cannot be read: a scan, no `pdftotext`, a password, damage (E001).
    #[error("{0}")]
    Pdf(crate::pdf::PdfError),
    /// The file is far larger than any plan (E001).
    #[error("the file is {size} bytes, more than the {limit}-byte limit for a plan")]
    TooLarge {
        /// Size of the file.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The file is binary, not text (E002).
    #[error("the file is binary{}, not text", kind.as_deref().map(|k| format!(" ({k})")).unwrap_or_default())]
    Binary {
        /// A recognized format (PDF, ZIP…), if any.
        kind: Option<String>,
        /// Byte offset of the evidence.
        offset: usize,
    },
    /// A text encoding planlint does not read (E002).
    #[error("unsupported encoding: {what}")]
    Unsupported {
        /// What was found.
        what: String,
        /// Byte offset of the evidence.
        offset: usize,
    },
    /// Bytes that are not UTF-8 (E002), possibly a legacy Vietnamese encoding.
    #[error("invalid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
        /// The invalid bytes.
        found: Vec<u8>,
        /// The legacy encoding recognized, if any.
        legacy: Option<LegacyEncoding>,
        /// The file decoded with replacement characters, to show where the problem is.
        lossy: String,
    },
    /// Valid UTF-8 that still carries text in a legacy Vietnamese encoding (E002).
    #[error("the text is in the legacy {} encoding", encoding.name())]
    LegacyText {
        /// The encoding recognized.
        encoding: LegacyEncoding,
        /// Offset of the first legacy character.
        offset: usize,
    },
}

/// The `what` of [`SourceError::Unsupported`] for UTF-16 with a lone surrogate.
pub(crate) const UNPAIRED_SURROGATE: &str = "UTF-16 with an unpaired surrogate";

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// No such file.
    NotFound,
    /// No permission to read it.
    PermissionDenied,
    /// It is a directory.
    Directory,
    /// A symbolic link that leads back into a folder that contains it.
    Loop,
    /// A special file (a FIFO, a socket, a device) met while walking a folder: never opened,
    /// since reading a FIFO with no writer waits for ever.
    Special(SpecialFile),
    /// A document in a format planlint does not read, met while walking a folder (`doc`, `odt`,
    /// `rtf`, `pdf`, an image): named, never skipped silently.
    Format(&'static str),
    /// Another operating-system error, in words (see [`io_reason`]).
    System(Bilingual),
    /// Anything else, as the library that met it said it (English).
    Other(String),
}

/// A kind of file that is neither a regular file nor a directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpecialFile {
    /// A named pipe (FIFO).
    Fifo,
    /// A Unix socket.
    Socket,
    /// A block device (a disk).
    BlockDevice,
    /// A character device (a terminal, `/dev/zero`).
    CharDevice,
    /// Another kind the system knows.
    Other,
}

impl SpecialFile {
    /// The kind of a file that is neither a regular file nor a directory (nor a symbolic link:
    /// callers follow those first); `None` for those.
    pub fn of(file_type: std::fs::FileType) -> Option<Self> {
        if file_type.is_file() || file_type.is_dir() || file_type.is_symlink() {
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return Some(SpecialFile::Fifo);
            }
            if file_type.is_socket() {
                return Some(SpecialFile::Socket);
            }
            if file_type.is_block_device() {
                return Some(SpecialFile::BlockDevice);
            }
            if file_type.is_char_device() {
                return Some(SpecialFile::CharDevice);
            }
        }
        Some(SpecialFile::Other)
    }

    /// What it is, in both languages.
    pub fn text(self) -> Bilingual {
        match self {
            SpecialFile::Fifo => Bilingual::new("một ống dẫn có tên (FIFO)", "a named pipe (FIFO)"),
            SpecialFile::Socket => Bilingual::new("một socket", "a socket"),
            SpecialFile::BlockDevice => Bilingual::new("một thiết bị khối (ổ đĩa)", "a block device (a disk)"),
            SpecialFile::CharDevice => Bilingual::new("một thiết bị ký tự", "a character device"),
            SpecialFile::Other => Bilingual::new("một tệp đặc biệt", "a special file"),
        }
    }
}

impl Unreadable {
    /// From an I/O error met while reading.
    pub fn from_io(err: &std::io::Error) -> Self {
        match err.kind() {
            std::io::ErrorKind::NotFound => Unreadable::NotFound,
            std::io::ErrorKind::PermissionDenied => Unreadable::PermissionDenied,
            std::io::ErrorKind::IsADirectory => Unreadable::Directory,
            _ => Unreadable::System(io_reason(err, false)),
        }
    }

    /// Why, in both languages.
    pub fn text(&self) -> Bilingual {
        match self {
            Unreadable::NotFound => Bilingual::new("không tìm thấy tệp", "no such file"),
            Unreadable::PermissionDenied => Bilingual::new("không có quyền đọc tệp", "no permission to read the file"),
            Unreadable::Directory => {
                Bilingual::new("đây là thư mục, không phải tệp", "this is a directory, not a file")
            }
            Unreadable::Loop => Bilingual::new(
                "liên kết (symlink) này trỏ ngược về thư mục chứa nó nên bị bỏ qua",
                "this symbolic link leads back into a folder that contains it, so it is skipped",
            ),
            Unreadable::Special(kind) => {
                let k = kind.text();
                Bilingual::new(
                    format!("đây là {}, không phải tệp văn bản thường, nên không được đọc", k.vi),
                    format!("this is {}, not a regular file, so it is not read", k.en()),
                )
            }
            Unreadable::Format(ext) => format_text(ext),
            Unreadable::System(why) => why.clone(),
            Unreadable::Other(detail) => Bilingual::new(
                format!("lỗi hệ thống không rõ loại (chi tiết kỹ thuật: {detail})"),
                format!("system error: {detail}"),
            ),
        }
    }
}

/// Why a document format is not read, and what to do, in both languages.
fn format_text(ext: &str) -> Bilingual {
    match ext {
        "doc" | "rtf" => Bilingual::new(
            format!(
                "tệp Word cũ (.{ext}) chưa đọc được; mở bằng Word, chọn Lưu thành (Save As) dạng .docx rồi kiểm tra lại"
            ),
            format!("an old Word file (.{ext}) is not read; open it in Word and save it as .docx"),
        ),
        "odt" => Bilingual::new(
            "tệp OpenDocument (.odt) chưa đọc được; lưu thành .docx rồi kiểm tra lại",
            "an OpenDocument file (.odt) is not read; save it as .docx",
        ),
        _ => Bilingual::new(
            format!("tệp ảnh (.{ext}) không có chữ để đọc; cần nhận dạng chữ (OCR) hoặc dùng bản .docx của kế hoạch"),
            format!("an image (.{ext}) has no text to read; it needs OCR, or use the plan's .docx"),
        ),
    }
}

/// Why an I/O operation failed, in both languages: the common kinds of error in words, others
/// as "system error" with the system's own (English) words as a technical detail. `writing`
/// words permissions for writing.
pub fn io_reason(err: &std::io::Error, writing: bool) -> Bilingual {
    use std::io::ErrorKind as K;
    let b = |vi: &str, en: &str| Bilingual::new(vi, en);
    #[cfg(unix)]
    if err.raw_os_error() == Some(40) {
        // ELOOP: too many levels of symbolic links.
        return b(
            "quá nhiều liên kết (symlink) lồng nhau, có thể là một vòng lặp liên kết",
            "too many levels of symbolic links, perhaps a loop of links",
        );
    }
    match err.kind() {
        K::NotFound => b("không tìm thấy tệp hoặc thư mục", "no such file or directory"),
        K::PermissionDenied if writing => b("không có quyền ghi", "no permission to write"),
        K::PermissionDenied => b("không có quyền đọc", "no permission to read"),
        K::AlreadyExists => b("tệp đã tồn tại", "the file already exists"),
        K::IsADirectory => b("đây là thư mục, không phải tệp", "this is a directory, not a file"),
        K::NotADirectory => {
            b("một phần của đường dẫn không phải là thư mục", "a component of the path is not a directory")
        }
        K::DirectoryNotEmpty => b("thư mục không trống", "the directory is not empty"),
        K::StorageFull => b("ổ đĩa đã đầy", "the disk is full"),
        K::QuotaExceeded => b("đã hết hạn mức dung lượng được cấp", "the disk quota is exceeded"),
        K::ReadOnlyFilesystem => b("ổ đĩa chỉ cho phép đọc", "the file system is read-only"),
        K::FileTooLarge => b("tệp lớn hơn mức hệ thống cho phép", "the file is larger than the system allows"),
        K::InvalidData => b("nội dung không phải văn bản UTF-8 hợp lệ", "the content is not valid UTF-8 text"),
        K::UnexpectedEof => b("tệp kết thúc sớm hơn dự kiến", "the file ended early"),
        K::BrokenPipe => b("chương trình nhận dữ liệu đã đóng ống dẫn", "the reading end of the pipe was closed"),
        K::Interrupted => b("thao tác bị ngắt giữa chừng", "the operation was interrupted"),
        K::WouldBlock => b("tệp tạm thời chưa sẵn sàng", "the file is not ready yet"),
        K::TimedOut => b("quá thời gian chờ", "the operation timed out"),
        K::OutOfMemory => b("không đủ bộ nhớ", "out of memory"),
        K::InvalidInput | K::InvalidFilename => b("tên tệp hoặc đường dẫn không hợp lệ", "invalid file name or path"),
        K::ResourceBusy | K::ExecutableFileBusy => b("tệp đang bị chương trình khác dùng", "the file is busy"),
        K::CrossesDevices => b("không chuyển được tệp sang ổ đĩa khác", "cannot move the file across devices"),
        K::TooManyLinks => b("quá nhiều liên kết tới tệp", "too many links"),
        K::StaleNetworkFileHandle
        | K::NetworkDown
        | K::NetworkUnreachable
        | K::HostUnreachable
        | K::ConnectionReset
        | K::ConnectionAborted => b("lỗi ổ đĩa mạng hoặc kết nối mạng", "a network drive or connection failed"),
        K::Unsupported => b("hệ thống không hỗ trợ thao tác này", "the system does not support this operation"),
        _ => Bilingual::new(format!("lỗi hệ thống (chi tiết kỹ thuật: {err})"), format!("system error: {err}")),
    }
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text().en())
    }
}

impl SourceError {
    /// The stable diagnostic code.
    pub fn code(&self) -> &'static str {
        match self {
            SourceError::Unreadable { .. } | SourceError::TooLarge { .. } | SourceError::Pdf(_) => "E001",
            SourceError::Word(e) => e.code(),
            _ => "E002",
        }
    }

    /// The kebab-case name of the code.
    pub fn name(&self) -> &'static str {
        match self {
            SourceError::Word(e) => e.name(),
            _ if self.code() == "E001" => "file-unreadable",
            _ => "encoding-unsupported",
        }
    }

    /// Byte offset in the file where the problem was seen, if it has one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            SourceError::Unreadable { .. }
            | SourceError::TooLarge { .. }
            | SourceError::Word(_)
            | SourceError::Pdf(_) => None,
            SourceError::Binary { offset, .. }
            | SourceError::Unsupported { offset, .. }
            | SourceError::InvalidUtf8 { offset, .. }
            | SourceError::LegacyText { offset, .. } => Some(*offset),
        }
    }

    /// Text to show the location in: the lossy decoding for invalid UTF-8.
    pub fn lossy_text(&self) -> Option<&str> {
        match self {
            SourceError::InvalidUtf8 { lossy, .. } => Some(lossy),
            _ => None,
        }
    }

    /// What is wrong, in both languages.
    pub fn message(&self) -> Bilingual {
        match self {
            SourceError::Word(e) => e.message(),
            SourceError::Pdf(e) => e.message(),
            SourceError::Unreadable { reason } => {
                let r = reason.text();
                Bilingual::new(format!("không đọc được tệp: {}", r.vi), format!("cannot read the file: {}", r.en()))
            }
            SourceError::TooLarge { size, limit } => Bilingual::new(
                format!("tệp quá lớn để là một kế hoạch ({} MB, giới hạn {} MB)", mb(*size), mb(*limit)),
                format!("the file is too large to be a plan ({} MB, limit {} MB)", mb(*size), mb(*limit)),
            ),
            SourceError::Binary { kind: Some(kind), .. } => Bilingual::new(
                format!("đây là tệp {kind}, không phải văn bản thuần"),
                format!("this is a {kind} file, not plain text"),
            ),
            SourceError::Binary { kind: None, offset } => Bilingual::new(
                format!("tệp chứa dữ liệu nhị phân (byte 0x00 ở vị trí {offset}), không phải văn bản"),
                format!("the file contains binary data (a 0x00 byte at offset {offset}), not text"),
            ),
            SourceError::Unsupported { what, .. } if what == UNPAIRED_SURROGATE => Bilingual::new(
                "tệp UTF-16 bị hỏng: có một nửa cặp ký tự (surrogate) đứng lẻ",
                "the UTF-16 file is damaged: half of a surrogate pair stands alone",
            ),
            SourceError::Unsupported { what, .. } => Bilingual::new(
                format!("bảng mã {what} không được hỗ trợ"),
                format!("the {what} encoding is not supported"),
            ),
            SourceError::InvalidUtf8 { found, legacy: Some(enc), .. } => Bilingual::new(
                format!("tệp dùng bảng mã cũ {} (gặp byte {}), không phải Unicode", enc.name(), hex(found)),
                format!("the file is in the legacy {} encoding (found byte {}), not Unicode", enc.name(), hex(found)),
            ),
            SourceError::InvalidUtf8 { found, legacy: None, .. } => Bilingual::new(
                format!("byte {} không hợp lệ trong UTF-8", hex(found)),
                format!("byte {} is not valid UTF-8", hex(found)),
            ),
            SourceError::LegacyText { encoding, .. } => Bilingual::new(
                format!(
                    "văn bản được gõ bằng bảng mã cũ {} rồi lưu thành UTF-8, chữ tiếng Việt bị sai",
                    encoding.name()
                ),
                format!(
                    "the text was typed in the legacy {} encoding and saved as UTF-8; the Vietnamese letters are garbled",
                    encoding.name()
                ),
            ),
        }
    }

    /// How to fix it, in both languages.
    pub fn help(&self) -> Bilingual {
        match self {
            SourceError::Word(e) => e.help(),
            SourceError::Pdf(e) => e.help(),
            SourceError::Unreadable { reason: Unreadable::Format(_) } => Bilingual::new(
                "planlint đọc kế hoạch ở dạng .docx, .pdf (có lớp chữ), .txt và .md; lưu tệp thành một trong các dạng đó",
                "planlint reads plans as .docx, .pdf (with a text layer), .txt and .md; save the file in one of them",
            ),
            SourceError::Unreadable { .. } => {
                Bilingual::new("kiểm tra đường dẫn và quyền đọc tệp", "check the path and the file's read permission")
            }
            SourceError::TooLarge { .. } => Bilingual::new(
                "kiểm tra lại có đúng là tệp kế hoạch không; kế hoạch thường chỉ vài chục KB",
                "check that this is the plan file; plans are usually tens of kilobytes",
            ),
            SourceError::Binary { kind: Some(kind), .. } if kind.starts_with("ZIP") || kind.starts_with("Word") => {
                Bilingual::new(
                    "mở tệp bằng Word và lưu lại dưới dạng văn bản (.txt, Unicode UTF-8)",
                    "open it in Word and save it as plain text (.txt, Unicode UTF-8)",
                )
            }
            SourceError::Binary { .. } => Bilingual::new(
                "chuyển tệp sang văn bản (.txt hoặc .md, mã hóa UTF-8) rồi kiểm tra lại",
                "convert the file to text (.txt or .md, UTF-8) and check it again",
            ),
            SourceError::Unsupported { .. } | SourceError::InvalidUtf8 { legacy: None, .. } => Bilingual::new(
                "lưu lại tệp với bảng mã Unicode UTF-8 (trong Word: Lưu thành → Văn bản thuần → Unicode UTF-8)",
                "save the file again as Unicode UTF-8 (in Word: Save As → Plain Text → Unicode UTF-8)",
            ),
            SourceError::InvalidUtf8 { legacy: Some(_), .. } | SourceError::LegacyText { .. } => Bilingual::new(
                "chuyển mã sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey, chọn bảng mã nguồn đúng) rồi lưu UTF-8",
                "convert the text to Unicode (e.g. with Unikey's converter, choosing the right source encoding) and save as UTF-8",
            ),
        }
    }
}

fn mb(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10) / (1024 * 1024);
    format!("{},{}", tenths / 10, tenths % 10)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("0x{b:02X}")).collect::<Vec<_>>().join(" ")
}
